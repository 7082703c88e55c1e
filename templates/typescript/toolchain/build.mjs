// The TypeScript target's build step, run by `ksyun-codegen generate` (generator/targets/typescript/target.py).
//
// stdin:  {"files": {"<relative path>": "<text>", ...},   the rendered package, tsconfig.json included
//          "formatted": ["<path>", ...],                    src/ files already as prettier writes them
//          "units": [["<name>", ["src/...ts", ...]], ...],  the parts to compile (default: all of src/)
//          "reads": true}                                   also say which files each unit's program read
// stdout: {"files": {...}, "reads": {"<name>": [...]}}  every input file, src/**/*.ts formatted by
//         prettier (those not said formatted), plus dist/ as tsc emits it from tsconfig.json for
//         each unit's files.
//
// Each unit is type-checked (strict; any diagnostic fails the build) and emitted as one program
// whose roots are its files; what they import (the runtime, the shared errors) is part of that
// program, so every file is checked with everything it can see. Units share no root and no
// import between them (a service version's files import only the shared ones): a unit's output
// is what one program over the whole package gives for those files (isolatedModules and rootDir
// make each file's emit its own). The standard library's declarations are parsed once.
// Everything happens in memory below a fixed virtual root, so no path of this machine reaches
// the output. Exit 1 with one diagnostic per line on stderr when the package does not compile.
import * as prettier from "prettier";
import ts from "typescript";

const ROOT = "/ksyun-sdk-build";
const PRETTIER = { parser: "typescript", printWidth: 100, trailingComma: "all", endOfLine: "lf" };

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf-8"));
const input = request.files;
const formatted = new Set(request.formatted ?? []);

const files = {};
for (const [path, text] of Object.entries(input).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  const format = path.startsWith("src/") && path.endsWith(".ts") && !formatted.has(path);
  files[path] = format ? await prettier.format(text, { ...PRETTIER, filepath: path }) : text;
}

const virtual = new Map(Object.entries(files).map(([path, text]) => [`${ROOT}/${path}`, text]));
const tsconfig = ts.parseConfigFileTextToJson("tsconfig.json", files["tsconfig.json"] ?? "{}");
const converted = ts.convertCompilerOptionsFromJson(tsconfig.config?.compilerOptions ?? {}, ROOT);
const configErrors = [...(tsconfig.error ? [tsconfig.error] : []), ...converted.errors];
// every .ts file below src/ (the package's tsconfig.json says the same with "include")
const allSources = [...virtual.keys()].filter((p) => p.startsWith(`${ROOT}/src/`) && p.endsWith(".ts")).sort();
const units = request.units ?? [["all", allSources.map((p) => p.slice(ROOT.length + 1))]];

function listDir(dir) {
  const prefix = dir.endsWith("/") ? dir : `${dir}/`;
  const filesHere = new Set();
  const dirs = new Set();
  for (const path of virtual.keys()) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash < 0) filesHere.add(rest);
    else dirs.add(rest.slice(0, slash));
  }
  return { files: [...filesHere].sort(), directories: [...dirs].sort() };
}

const host = ts.createCompilerHost(converted.options);
const original = { fileExists: host.fileExists, readFile: host.readFile, getSourceFile: host.getSourceFile };
const inRoot = (p) => p.startsWith(`${ROOT}/`);
const outside = new Map(); // the standard library's declarations, parsed once for every unit
host.getCurrentDirectory = () => ROOT;
host.fileExists = (p) => (inRoot(p) ? virtual.has(p) : original.fileExists(p));
host.readFile = (p) => (inRoot(p) ? virtual.get(p) : original.readFile(p));
host.directoryExists = (d) => (inRoot(`${d}/`) || d === ROOT ? [...virtual.keys()].some((p) => p.startsWith(`${d}/`)) : ts.sys.directoryExists(d));
host.getDirectories = (d) => (inRoot(`${d}/`) || d === ROOT ? listDir(d).directories : ts.sys.getDirectories(d));
host.realpath = (p) => p;
host.getSourceFile = (p, lang, onError, create) => {
  if (!inRoot(p)) {
    const key = `${p}\0${typeof lang === "object" ? lang.languageVersion : lang}`;
    if (!outside.has(key)) outside.set(key, original.getSourceFile(p, lang, onError, create));
    return outside.get(key);
  }
  const text = virtual.get(p);
  return text === undefined ? undefined : ts.createSourceFile(p, text, lang, true);
};

const diagnostics = [...configErrors];
const reads = {}; // per unit: the package's files its program read (its own and what they import)
for (const [name, roots] of units) {
  const rootNames = roots.map((p) => `${ROOT}/${p}`);
  const mine = new Set(rootNames);
  host.writeFile = (p, text) => {
    if (!inRoot(p)) throw new Error(`the compiler wrote outside the package: ${p}`);
    files[p.slice(ROOT.length + 1)] = text;
  };
  const program = ts.createProgram({ rootNames, options: converted.options, host });
  diagnostics.push(...ts.getPreEmitDiagnostics(program));
  reads[name] = program.getSourceFiles().map((f) => f.fileName).filter(inRoot).map((p) => p.slice(ROOT.length + 1)).sort();
  for (const source of program.getSourceFiles()) {
    if (!mine.has(source.fileName)) continue;
    diagnostics.push(...program.emit(source).diagnostics);
  }
}
if (diagnostics.length > 0) {
  const seen = new Set();
  for (const d of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    let line;
    if (d.file && d.start !== undefined) {
      const at = d.file.getLineAndCharacterOfPosition(d.start).line;
      line = `${d.file.fileName.slice(ROOT.length + 1)}:${at + 1}: TS${d.code}: ${message}\n`;
    } else {
      line = `TS${d.code}: ${message}\n`;
    }
    if (!seen.has(line)) process.stderr.write(line);
    seen.add(line);
  }
  process.exit(1);
}
const sorted = {};
for (const path of Object.keys(files).sort()) sorted[path] = files[path];
process.stdout.write(JSON.stringify(request.reads ? { files: sorted, reads } : { files: sorted }));

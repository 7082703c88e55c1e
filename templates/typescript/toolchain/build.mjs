// The TypeScript target's build step, run by `ksyun-codegen generate` (generator/targets/typescript.py).
//
// stdin:  {"files": {"<relative path>": "<text>", ...}}  (the rendered package, tsconfig.json included)
// stdout: {"files": {...}}  the same files with src/**/*.ts formatted by prettier, plus dist/ as
//         tsc emits it from tsconfig.json (strict type check; any diagnostic fails the build).
// Everything happens in memory below a fixed virtual root, so no path of this machine reaches
// the output. Exit 1 with one diagnostic per line on stderr when the package does not compile.
import * as prettier from "prettier";
import ts from "typescript";

const ROOT = "/ksyun-sdk-build";
const PRETTIER = { parser: "typescript", printWidth: 100, trailingComma: "all", endOfLine: "lf" };

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf-8")).files;

const files = {};
for (const [path, text] of Object.entries(input).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  files[path] = path.endsWith(".ts") ? await prettier.format(text, { ...PRETTIER, filepath: path }) : text;
}

const virtual = new Map(Object.entries(files).map(([path, text]) => [`${ROOT}/${path}`, text]));
const tsconfig = ts.parseConfigFileTextToJson("tsconfig.json", files["tsconfig.json"] ?? "{}");
const converted = ts.convertCompilerOptionsFromJson(tsconfig.config?.compilerOptions ?? {}, ROOT);
const config = {
  options: converted.options,
  errors: [...(tsconfig.error ? [tsconfig.error] : []), ...converted.errors],
  // every .ts file below src/ (the package's tsconfig.json says the same with "include")
  fileNames: [...virtual.keys()].filter((p) => p.startsWith(`${ROOT}/src/`) && p.endsWith(".ts")).sort(),
};

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

const host = ts.createCompilerHost(config.options);
const original = { fileExists: host.fileExists, readFile: host.readFile, getSourceFile: host.getSourceFile };
const inRoot = (p) => p.startsWith(`${ROOT}/`);
host.getCurrentDirectory = () => ROOT;
host.fileExists = (p) => (inRoot(p) ? virtual.has(p) : original.fileExists(p));
host.readFile = (p) => (inRoot(p) ? virtual.get(p) : original.readFile(p));
host.directoryExists = (d) => (inRoot(`${d}/`) || d === ROOT ? [...virtual.keys()].some((p) => p.startsWith(`${d}/`)) : ts.sys.directoryExists(d));
host.getDirectories = (d) => (inRoot(`${d}/`) || d === ROOT ? listDir(d).directories : ts.sys.getDirectories(d));
host.realpath = (p) => p;
host.getSourceFile = (p, lang, onError, create) => {
  if (!inRoot(p)) return original.getSourceFile(p, lang, onError, create);
  const text = virtual.get(p);
  return text === undefined ? undefined : ts.createSourceFile(p, text, lang, true);
};
const emitted = {};
host.writeFile = (p, text) => {
  if (!inRoot(p)) throw new Error(`the compiler wrote outside the package: ${p}`);
  emitted[p.slice(ROOT.length + 1)] = text;
};

const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
const result = program.emit();
diagnostics.push(...result.diagnostics);
if (diagnostics.length > 0) {
  for (const d of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (d.file && d.start !== undefined) {
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      process.stderr.write(`${d.file.fileName.slice(ROOT.length + 1)}:${line + 1}: TS${d.code}: ${message}\n`);
    } else {
      process.stderr.write(`TS${d.code}: ${message}\n`);
    }
  }
  process.exit(1);
}
for (const path of Object.keys(emitted).sort()) files[path] = emitted[path];
process.stdout.write(JSON.stringify({ files }));

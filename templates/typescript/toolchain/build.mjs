// The TypeScript target's build step, run by `ksyun-codegen generate` (generator/targets/typescript/target.py).
//
// stdin:  {"files": {"<relative path>": "<text>", ...},   the rendered package, tsconfig.json included
//                                                           (of src/, the units' files are enough)
//          "formatted": ["<path>", ...],                    src/ files already as prettier writes them
//          "units": [["<name>", ["src/...ts", ...], earlier], ...],  the parts to compile, in order
//                                                           (default: all of src/ as one program);
//                                                           earlier (or null): {"expect": {"dist/...d.ts":
//                                                           "<sha256>"}, "declarations": {...}}: the unit
//                                                           is kept (not compiled, said "kept") when the
//                                                           declarations it read last time are unchanged
//          "declarations": {"dist/...d.ts": "<text>"},      declarations of files compiled before
//          "reads": true}                                   also say which files each unit's program read
// stdout: {"files": {...}, "reads": {"<name>": [...]}, "kept": [...]}  every input file, src/**/*.ts formatted by
//         prettier (those not said formatted), plus dist/ as tsc emits it from tsconfig.json for
//         each unit's files.
//
// Each unit is type-checked (strict; any diagnostic fails the build) and emitted as one program
// whose roots are its files; what they import (the runtime, the shared errors, a service's
// parts) is part of that program, so every file is checked with everything it can see. A file
// of another unit whose declaration is known (given in "declarations", or emitted by a unit
// before this one) is seen through that declaration (dist/<x>.d.ts read as src/<x>.d.ts), as
// a program over the whole package sees it: a unit parses and checks its own files, not the
// bodies of what it imports. A unit's output is what one program over the whole package gives
// for those files (isolatedModules and rootDir make each file's emit its own, and every
// declaration the emit prints is written out in the source). The standard library's
// declarations and the shared files' are parsed once.
// Everything happens in memory below a fixed virtual root, so no path of this machine reaches
// the output. Exit 1 with one diagnostic per line on stderr when the package does not compile.
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
// (required, not imported: Node would scan the compiler's 9 MB of CommonJS for its exports)
const ts = createRequire(import.meta.url)("typescript");

const ROOT = "/ksyun-sdk-build";
const sha256 = (text) => (text === undefined ? undefined : createHash("sha256").update(text, "utf8").digest("hex"));
const PRETTIER = { parser: "typescript", printWidth: 100, trailingComma: "all", endOfLine: "lf" };

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks.splice(0)).toString("utf-8"));
const input = request.files;
delete request.files;
const formatted = new Set(request.formatted ?? []);

// With --expose-gc (as target.py runs this), garbage is collected once the heap has grown by
// HEAP_SLACK since what the last collection kept, so what the process holds stays near what
// it uses (prettier and each unit's program leave much behind) without collecting often.
const HEAP_SLACK = 64 * 1024 * 1024;
let heapKept = 0;
const collect = () => {
  if (!globalThis.gc || process.memoryUsage().heapUsed < heapKept + HEAP_SLACK) return;
  globalThis.gc();
  heapKept = process.memoryUsage().heapUsed;
};

const files = {};
const prettier = Object.keys(input).some((p) => p.startsWith("src/") && p.endsWith(".ts") && !formatted.has(p))
  ? await import("prettier")
  : undefined;
for (const [path, text] of Object.entries(input).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  const format = path.startsWith("src/") && path.endsWith(".ts") && !formatted.has(path);
  files[path] = format ? await prettier.format(text, { ...PRETTIER, filepath: path }) : text;
  delete input[path];
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

// src/<x>.d.ts (virtual) → the declaration of src/<x>.ts, for the units that do not compile it
const declared = new Map(
  Object.entries(request.declarations ?? {}).map(([p, text]) => [`${ROOT}/src/${p.slice("dist/".length)}`, text]),
);
let roots = new Set(); // the files of the unit being compiled: always seen as written
const declaration = (p) => `${p.slice(0, -".ts".length)}.d.ts`; // of a source file
const sourceOf = (p) => `${p.slice(0, -".d.ts".length)}.ts`; // of a declaration
const seenDeclared = (p) => declared.has(p) && !roots.has(sourceOf(p));
const hidden = (p) => p.endsWith(".ts") && !p.endsWith(".d.ts") && !roots.has(p) && declared.has(declaration(p));
const visible = (p) => seenDeclared(p) || (virtual.has(p) && !hidden(p));
const text = (p) => (seenDeclared(p) ? bare(p) : hidden(p) ? undefined : virtual.get(p));

// A declaration of a service's file is read without its comments: they are most of its text
// (the documentation of every property), and neither the checker nor the emit of the file
// that imports it reads them (JSDoc in .ts files is not parsed, as in tsc). Kept when it
// holds a template literal (whose text the plain scanner below would not follow).
const bareText = new Map();
function bare(p) {
  const full = declared.get(p);
  if (!isServiceFile(p) || full.includes("`")) return full;
  const hit = bareText.get(p);
  if (hit?.[0] === full) return hit[1];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, full);
  const kept = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const comment = kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia;
    if (!comment || full.startsWith("///", scanner.getTokenStart())) kept.push(scanner.getTokenText());
  }
  const out = kept.join("");
  bareText.set(p, [full, out]);
  return out;
}

const host = ts.createCompilerHost(converted.options);
host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors; // as tsc: no JSDoc in .ts files is read
const original = { fileExists: host.fileExists, readFile: host.readFile, getSourceFile: host.getSourceFile };
const inRoot = (p) => p.startsWith(`${ROOT}/`);
const outside = new Map(); // the standard library's declarations, parsed once for every unit
const shared = new Map(); // declarations of the files every service shares, parsed once
host.getCurrentDirectory = () => ROOT;
host.fileExists = (p) => (inRoot(p) ? visible(p) : original.fileExists(p));
host.readFile = (p) => (inRoot(p) ? text(p) : original.readFile(p));
const directories = new Set([...virtual.keys(), ...declared.keys()].flatMap((p) => p.split("/").slice(1, -1).map((_, i, parts) => `/${parts.slice(0, i + 1).join("/")}`)));
host.directoryExists = (d) => (inRoot(`${d}/`) || d === ROOT ? directories.has(d) : ts.sys.directoryExists(d));
host.getDirectories = (d) => (inRoot(`${d}/`) || d === ROOT ? listDir(d).directories : ts.sys.getDirectories(d));
host.realpath = (p) => p;
host.getSourceFile = (p, lang, onError, create) => {
  if (!inRoot(p)) {
    const key = `${p}\0${typeof lang === "object" ? lang.languageVersion : lang}`;
    if (!outside.has(key)) outside.set(key, original.getSourceFile(p, lang, onError, create));
    return outside.get(key);
  }
  const source = text(p);
  if (source === undefined) return undefined;
  if (!p.endsWith(".d.ts") || isServiceFile(p)) return ts.createSourceFile(p, source, lang);
  const key = `${p}\0${source}`;
  if (!shared.has(key)) shared.set(key, ts.createSourceFile(p, source, lang));
  return shared.get(key);
};
const isServiceFile = (p) => p.slice(ROOT.length + 1).split("/").length >= 4; // src/<service>/<version>/...

const diagnostics = [...configErrors];
// The answer is written file by file (one string of it would double what the process holds),
// each unit's files once it is compiled, which the process then lets go (the units after it
// see them through their declarations). When the package does not compile, the exit status
// says so and what was written means nothing.
let sep = '{"files":{';
const answer = (path) => {
  process.stdout.write(`${sep}${JSON.stringify(path)}:${JSON.stringify(files[path])}`);
  sep = ",";
  delete files[path];
};
const reads = {}; // per unit: the package's files its program read (its own and what they import)
const kept = []; // units whose earlier output still holds: what they read is unchanged
const emitted = (path) => [".js", ".d.ts"].map((ext) => `dist/${path.slice("src/".length, -".ts".length)}${ext}`);
for (const [name, unitFiles, earlier] of units) {
  if (earlier && Object.entries(earlier.expect).every(([p, sha]) => sha === sha256(declared.get(`${ROOT}/src/${p.slice("dist/".length)}`)))) {
    for (const [p, text] of Object.entries(earlier.declarations)) declared.set(`${ROOT}/src/${p.slice("dist/".length)}`, text);
    kept.push(name);
    continue;
  }
  const rootNames = unitFiles.map((p) => `${ROOT}/${p}`);
  roots = new Set(rootNames);
  host.writeFile = (p, text) => {
    if (!inRoot(p)) throw new Error(`the compiler wrote outside the package: ${p}`);
    const path = p.slice(ROOT.length + 1);
    // the emitter builds the text from many small pieces: copied flat, it holds only itself
    text = Buffer.from(text, "utf-8").toString("utf-8");
    files[path] = text;
    if (path.endsWith(".d.ts")) declared.set(`${ROOT}/src/${path.slice("dist/".length)}`, text);
  };
  const program = ts.createProgram({ rootNames, options: converted.options, host });
  diagnostics.push(...ts.getPreEmitDiagnostics(program));
  reads[name] = program.getSourceFiles().map((f) => f.fileName).filter(inRoot).filter((p) => !roots.has(p))
    .map((p) => (p.endsWith(".d.ts") ? `dist/${p.slice(ROOT.length + 5)}` : p.slice(ROOT.length + 1))).sort();
  for (const source of program.getSourceFiles()) {
    if (!roots.has(source.fileName)) continue;
    diagnostics.push(...program.emit(source).diagnostics);
  }
  for (const path of unitFiles) {
    for (const made of [path, ...emitted(path)]) if (made in files) answer(made);
    virtual.delete(`${ROOT}/${path}`);
  }
  collect();
}
roots = new Set();
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
for (const path of Object.keys(files).sort()) answer(path);
process.stdout.write(sep === "," ? "}" : '{"files":{}');
process.stdout.write(request.reads ? `,"reads":${JSON.stringify(reads)},"kept":${JSON.stringify(kept)}}` : "}");

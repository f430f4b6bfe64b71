/**
 * TypeScript's checker over a probe module that lives in memory only, as a user's compiler would read it: the node
 * tests read types with it (esbuild and tsx strip types, so only the compiler sees them). It is `typescript-5`'s
 * compiler API: the project's own `typescript` 7 has none.
 */
import ts from 'typescript-5';

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

/**
 * A program of one probe module, `source`, read as if it were the file `path` (which need not exist: put it inside
 * the package so relative imports and the package's own name resolve as they would there). `problems` are its type
 * errors (of the probe only, or of every file with `everywhere`), as messages.
 */
export function probeProgram(
  path: string,
  source: string,
  { everywhere = false } = {},
): { program: ts.Program; checker: ts.TypeChecker; probe: ts.SourceFile; problems: string[] } {
  const host = ts.createCompilerHost(OPTIONS);
  const { readFile, fileExists } = host;
  host.readFile = (file) => (file === path ? source : readFile.call(host, file));
  host.fileExists = (file) => file === path || fileExists.call(host, file);
  const program = ts.createProgram([path], OPTIONS, host);
  const probe = program.getSourceFile(path)!;
  const problems = ts
    .getPreEmitDiagnostics(program, everywhere ? undefined : probe)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  return { program, checker: program.getTypeChecker(), probe, problems };
}

export { ts };

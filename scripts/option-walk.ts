// The walk of the run options through the code: where the options object (or one of its groups) goes, and where its
// values are handed on. Run: npx tsx scripts/option-walk.ts [src folder]
//
// Rooms: from executeRun's `options`, every function that is given the options, a group of them, or a value read from
// them as an argument. The walk goes on inside a function whose parameter is typed as the options or a group (and what
// such a function derives from them, `const { run } = groups`, is carried on); a function given one value is a room
// where the walk stops, the value now being that function's own. Functions are found by name, so two of one name are
// one room. Climbs: the calls into a room on a lower floor whose result the caller goes on with (something computed
// from the options comes back up a floor).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const SRC = process.argv[2] ?? join(import.meta.dirname, '..', 'src');
const HOLDERS = new Set(['RunOptions', 'OptionGroups', 'RunGroup', 'ClientGroup', 'GatewayGroup', 'ServerGroup']);
const START = 'executeRun';

type Fn = ts.SignatureDeclaration & { body?: ts.Node };

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

const sources = files(SRC).map((file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));

function nameOf(fn: Fn): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  return ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;
}

const functions = new Map<string, { fn: Fn; file: ts.SourceFile }>();
for (const file of sources) {
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (node as Fn).body) {
      const name = nameOf(node);
      if (name && !functions.has(name)) functions.set(name, { fn: node, file });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

const bound = (name: ts.BindingName): string[] =>
  ts.isIdentifier(name) ? [name.text] : name.elements.flatMap((each) => (ts.isOmittedExpression(each) ? [] : bound(each.name)));
const holds = (param: ts.ParameterDeclaration): boolean =>
  param.type !== undefined && ts.isTypeReferenceNode(param.type) && HOLDERS.has(param.type.typeName.getText());

/** The floors of test/architecture.test.ts, lowest first: a climb is a value coming back up from a lower one. */
const FLOORS: readonly (readonly string[])[] = [
  ['errors.ts', 'version.ts', 'dispose.ts', 'read-json.ts', 'model'], ['trace'], ['checks', 'mock-server'], ['steps'], ['targets'],
  ['scenarios'], ['runner', 'judging', 'mock-admin'], ['reporters', 'config'], ['commands'], ['api'], ['cli.ts', 'index.ts'],
];
const floorOf = (file: ts.SourceFile): number => {
  const top = relative(SRC, file.fileName).split('/')[0] ?? '';
  return FLOORS.findIndex((names) => names.includes(top));
};

const rooms = new Set<string>();
const climbs: string[] = [];

function walk(name: string): void {
  if (rooms.has(name)) return;
  rooms.add(name);
  const found = functions.get(name);
  const body = found?.fn.body;
  if (!found || !body) return;
  const { fn, file } = found;
  const held = new Set(fn.parameters.filter(holds).flatMap((param) => bound(param.name)));
  if (held.size === 0) return;
  const uses = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node) && held.has(node.text)) return true;
    return ts.forEachChild(node, uses) ?? false;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer && uses(node.initializer)) {
      for (const each of bound(node.name)) held.add(each);
    }
    if (ts.isCallExpression(node) && node.arguments.some(uses)) {
      const callee = node.expression.getText().split('.').pop() ?? '';
      if (functions.has(callee)) {
        let parent = node.parent;
        while (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent)) parent = parent.parent;
        const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        const lower = floorOf((functions.get(callee) ?? found).file) < floorOf(file);
        if (!ts.isExpressionStatement(parent) && lower) climbs.push(`${relative(SRC, file.fileName)}:${line} ${callee}`);
        walk(callee);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
}

walk(START);
console.log(`rooms ${rooms.size}: ${[...rooms].join(', ')}`);
console.log(`climbs ${climbs.length}: ${climbs.join(', ')}`);

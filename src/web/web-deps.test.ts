import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const webDir = join(import.meta.dirname);
const isTestFile = (name: string) => /\.test\.tsx?$/.test(name);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !isTestFile(entry.name) ? [path] : [];
  });
}

const isServicesModule = (specifier: string) => /(^|\/)runtime\/services(\.js)?$/.test(specifier);

/**
 * Where a file names the whole `Services` bag of runtime/services: a named import of it
 * (`import type { Services }`, `{ Services as S }`), a namespace import of that module, or an
 * inline `import('…/runtime/services.js').Services`.
 */
function wholeServicesUses(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      isServicesModule(node.moduleSpecifier.text)
    ) {
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) found.push(node.getText());
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements)
          if ((element.propertyName ?? element.name).text === 'Services')
            found.push(node.getText());
    }
    if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal) &&
      isServicesModule(node.argument.literal.text) &&
      node.qualifier?.getText() === 'Services'
    )
      found.push(node.getText());
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('web layer dependencies', () => {
  it('finds each way of naming the whole Services type', () => {
    expect(
      wholeServicesUses(
        'a.ts',
        [
          "import type { Services } from '../runtime/services.js';",
          "import { type Services as All } from '../../runtime/services.js';",
          "import * as services from '../runtime/services.js';",
          "type X = import('../runtime/services.js').Services;",
        ].join('\n'),
      ),
    ).toHaveLength(4);
    expect(
      wholeServicesUses(
        'b.ts',
        [
          "import type { ServicesOf } from '../runtime/services.js';",
          "import type { Services } from './elsewhere.js';",
          "type X = import('../runtime/services.js').ServicesOf<'posts'>;",
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('no file in src/web takes the whole Services bag: each area names the services it uses', () => {
    const files = sourceFiles(webDir);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      wholeServicesUses(file, readFileSync(file, 'utf8')).map(
        (use) => `${relative(webDir, file)}: ${use}`,
      ),
    );
    expect(offenders).toEqual([]);
  });
});

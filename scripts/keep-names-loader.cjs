// Turbopack loader (next.config.js): keeps class and function names in the code that runs in the
// runner worker (lib/orm, lib/db, lib/runner, lib/editor).
//
// The ORM is a port of Django: model, field, expression and exception class names are data
// (`Post._meta.object_name`, table `blog_post`, `FieldError: ...`, `<Post: title>`). The production
// minifier renames classes (`class Post` → `class t`), which would turn `blog_post` into `blog_t`.
// esbuild's keepNames pins every class/function name with a string literal the minifier keeps.
// Turbopack offers no keep_classnames option, hence this loader. It also strips the types (the
// output is JavaScript; TypeScript semantics from tsconfig.json: ES2022, define class fields).
const { transformSync } = require('esbuild');

module.exports = function keepNamesLoader(source) {
  const { code, map } = transformSync(source, {
    loader: this.resourcePath.endsWith('.tsx') ? 'tsx' : 'ts',
    format: 'esm',
    target: 'es2022',
    keepNames: true,
    sourcemap: 'external',
    sourcefile: this.resourcePath,
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: false } },
  });
  this.callback(null, code, map);
};

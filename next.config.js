// STATIC_EXPORT=1 (set by `npm run build`) writes a static site to out/; `next dev` runs without it.
/** @type {import('next').NextConfig} */
export default {
  output: process.env.STATIC_EXPORT === '1' ? 'export' : undefined,
  // Server components read lessons/ and describe the blog models at build time with sql.js under Node (lib/node).
  serverExternalPackages: ['sql.js'],
  turbopack: {
    rules: {
      // Class names are data for the ORM (see scripts/keep-names-loader.cjs): keep them through minification.
      '*.ts': [
        {
          condition: { path: /(^|[\\/])lib[\\/](orm|db|runner|editor|python)[\\/]/ },
          loaders: ['./scripts/keep-names-loader.cjs'],
          as: '*.js',
        },
      ],
    },
  },
};

// STATIC_EXPORT=1 (set by `npm run build`) writes a static site to out/; `next dev` runs without it.
/** @type {import('next').NextConfig} */
export default {
  output: process.env.STATIC_EXPORT === '1' ? 'export' : undefined,
};

// The module the articles plugin generates from seeds/ (see src/build/articles-plugin.ts).
declare module 'virtual:lede/articles' {
  // An ambient module cannot `import` a relative path, so the type is referenced inline.
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  export const articles: import('./content/article.ts').PublicArticle[];
}

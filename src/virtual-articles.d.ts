// The module the articles plugin generates from seeds/ (see src/build/articles-plugin.ts).
declare module 'virtual:lede/articles' {
  export const articles: import('./content/article.ts').PublicArticle[];
}

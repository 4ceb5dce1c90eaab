import type { Compilation, Compiler } from 'webpack'

/**
 * Taro's H5 build loads every page, the home page too, with `import()` once app.js has run:
 * on a slow link that is one more round trip and download after app.js before any text shows
 * (issue 16: 3.9 s to the first tile on 1.6 Mbps). This adds `<link rel="preload">` for the
 * entry page's chunks (and their styles) to index.html, so they download alongside app.js.
 * Only the entry page: preloading every page would put them all on the first load.
 */
export class PreloadEntryPage {
  constructor(private readonly options: { page: string; publicPath: string }) {}

  apply(compiler: Compiler): void {
    const { Compilation: CompilationClass, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('PreloadEntryPage', (compilation: Compilation) => {
      // After html-webpack-plugin has written index.html (it does so at OPTIMIZE_INLINE).
      compilation.hooks.processAssets.tap({ name: 'PreloadEntryPage', stage: CompilationClass.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const html = compilation.getAsset('index.html')
        if (!html) return
        const group = compilation.chunkGroups.find((candidate) =>
          candidate.origins.some((origin) => typeof origin.request === 'string' && origin.request.replace(/\\/g, '/').endsWith(this.options.page)),
        )
        if (!group) throw new Error(`PreloadEntryPage: no chunk group is loaded by import() of ${this.options.page}`)
        const files = group.getFiles().filter((file) => /\.(js|css)$/.test(file) && !/\.hot-update\./.test(file))
        const links = files
          .map((file) => `<link rel="preload" href="${this.options.publicPath}${file}" as="${file.endsWith('.css') ? 'style' : 'script'}">`)
          .join('')
        const source = html.source.source().toString()
        compilation.updateAsset('index.html', new sources.RawSource(source.replace('</head>', `${links}</head>`)))
      })
    })
  }
}

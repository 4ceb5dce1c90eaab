// babel-preset-taro switches to CommonJS output when NODE_ENV=test, so jest and the
// Taro build share one config.
module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: process.env.TARO_ENV === 'h5' ? 'usage' : false }],
  ],
}

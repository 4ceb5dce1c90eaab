// The same preset as the app (../../babel.config.js), so both are compiled alike.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: false }]],
}

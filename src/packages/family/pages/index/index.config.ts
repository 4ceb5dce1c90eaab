export default definePageConfig({ navigationBarTitleText: '亲情代办', enablePullDownRefresh: true })

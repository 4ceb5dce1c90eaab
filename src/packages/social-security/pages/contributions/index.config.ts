export default definePageConfig({ navigationBarTitleText: '缴费明细', enablePullDownRefresh: true, onReachBottomDistance: 120 })

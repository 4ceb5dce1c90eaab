export default definePageConfig({ navigationBarTitleText: '办事服务', enablePullDownRefresh: true })

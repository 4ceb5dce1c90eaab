export default definePageConfig({ navigationBarTitleText: '搜索办事服务' })

export default definePageConfig({ navigationBarTitleText: '一件事办事指南' })

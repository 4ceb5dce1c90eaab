import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { MaterialView } from '@/contract/applications/schemas'
import { AlertText } from '@/components/alert-text'
import { useFeatureStore } from '@/stores/context'
import { applicationsStore } from '@/packages/applications/stores/applications-store'
import { UploadControl } from '@/packages/applications/components/upload-control'
import { PROVISION_WORDS } from '@/packages/applications/words'

/**
 * 申请材料 as this citizen meets each one (the server decided, per citizen): 证照 (将使用您的电子…),
 * 已有数据, 表单填写, 上传 (with the control), or 邮寄或窗口 where the law wants the original.
 */
export const MaterialList = observer(function MaterialList({ materials }: { materials: MaterialView[] }) {
  const apply = useFeatureStore(applicationsStore).apply
  const missing = apply.attempted ? apply.missingUploads : []
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>{`申请材料（${materials.length} 项）`}</Text>
      {materials.map((material) => (
        <View key={material.name} className='gm-app-material'>
          <View className='gm-app-material__head'>
            <Text className='gm-app-material__name'>{material.copies ? `${material.name}（${material.copies}份）` : material.name}</Text>
            <Text className={`gm-app-provision gm-app-provision--${material.provision}`}>{PROVISION_WORDS[material.provision]}</Text>
          </View>
          {material.certificate && <Text className='gm-app-material__linked'>{`已关联电子证照：${material.certificate.typeName}`}</Text>}
          <Text className={material.provision === 'certificate' ? 'gm-app-material__linked' : 'gm-hint'}>{material.instruction}</Text>
          {material.note && <Text className='gm-hint'>{material.note}</Text>}
          {(material.provision === 'upload' || (material.upload && material.provision === 'form')) && apply.formCode && <UploadControl material={material.name} itemCode={apply.formCode} uploads={apply.uploads} />}
          {missing.includes(material.name) && <AlertText>{`请上传“${material.name}”（照片或 PDF）`}</AlertText>}
        </View>
      ))}
    </View>
  )
})

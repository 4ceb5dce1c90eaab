import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { MaterialView } from '@/contract/applications/schemas'
import { AlertText } from '@/components/alert-text'
import { useFeatureStore } from '@/stores/context'
import { applicationsStore } from '@/packages/applications/stores/applications-store'
import { PROVISION_WORDS, uploadedWords } from '@/packages/applications/words'

/** The upload control of one material: pick a photo or a PDF, progress in words, replace or remove. */
const UploadControl = observer(function UploadControl({ material }: { material: MaterialView }) {
  const apply = useFeatureStore(applicationsStore).apply
  const entry = apply.uploads.of(material.name)
  const busy = entry?.status === 'picking' || entry?.status === 'uploading'
  const done = entry?.status === 'done' && entry.upload
  return (
    <View className='gm-app-upload'>
      <View ariaRole='status'>
        {entry?.status === 'picking' && <Text className='gm-hint'>正在打开相册或文件…</Text>}
        {entry?.status === 'uploading' && <Text className='gm-hint'>正在上传，请稍候…</Text>}
        {done && <Text className='gm-app-upload__done'>{uploadedWords(entry.upload!)}</Text>}
      </View>
      {entry?.status === 'error' && entry.error && <AlertText>{entry.error}</AlertText>}
      <View className='gm-app-upload__actions'>
        <Button className='gm-button gm-button--secondary' disabled={busy || undefined} onClick={() => void apply.pickFile(material.name, 'photo')}>
          {done ? '重新拍照上传' : '拍照或选择照片'}
        </Button>
        <Button className='gm-button gm-button--secondary' disabled={busy || undefined} onClick={() => void apply.pickFile(material.name, 'document')}>
          {done ? '换一个 PDF 文件' : '选择 PDF 文件'}
        </Button>
        {done && (
          <Button className='gm-button gm-button--secondary' onClick={() => apply.uploads.remove(material.name)}>
            移除
          </Button>
        )}
      </View>
    </View>
  )
})

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
          {(material.provision === 'upload' || (material.upload && material.provision === 'form')) && <UploadControl material={material} />}
          {missing.includes(material.name) && <AlertText>{`请上传“${material.name}”（照片或 PDF）`}</AlertText>}
        </View>
      ))}
    </View>
  )
})

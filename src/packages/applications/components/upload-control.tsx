import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { AlertText } from '@/components/alert-text'
import type { MaterialUploadsStore } from '@/packages/applications/stores/material-uploads-store'
import { uploadedWords } from '@/packages/applications/words'

/**
 * The upload control of one material: pick a photo or a PDF, progress in words, replace or
 * remove. One control for the apply form and for a 补正's re-upload, each with its own uploads.
 */
export const UploadControl = observer(function UploadControl({ material, itemCode, uploads }: { material: string; itemCode: string; uploads: MaterialUploadsStore }) {
  const entry = uploads.of(material)
  const busy = entry?.status === 'picking' || entry?.status === 'uploading' || entry?.status === 'removing'
  const done = entry?.status === 'done' && entry.upload
  const pick = (source: 'photo' | 'document') => void uploads.pick(itemCode, material, source)
  return (
    <View className='gm-app-upload'>
      <View ariaRole='status'>
        {entry?.status === 'picking' && <Text className='gm-hint'>正在打开相册或文件…</Text>}
        {entry?.status === 'uploading' && <Text className='gm-hint'>正在上传，请稍候…</Text>}
        {entry?.status === 'removing' && <Text className='gm-hint'>正在移除…</Text>}
        {done && <Text className='gm-app-upload__done'>{uploadedWords(entry.upload!)}</Text>}
      </View>
      {entry?.error && <AlertText>{entry.error}</AlertText>}
      <View className='gm-app-upload__actions'>
        <Button className='gm-button gm-button--secondary' disabled={busy || undefined} onClick={() => pick('photo')}>
          {done ? '重新拍照上传' : '拍照或选择照片'}
        </Button>
        <Button className='gm-button gm-button--secondary' disabled={busy || undefined} onClick={() => pick('document')}>
          {done ? '换一个 PDF 文件' : '选择 PDF 文件'}
        </Button>
        {done && (
          <Button className='gm-button gm-button--secondary' onClick={() => void uploads.remove(material)}>
            移除
          </Button>
        )}
      </View>
    </View>
  )
})

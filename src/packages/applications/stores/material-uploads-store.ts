import { makeAutoObservable, runInAction } from 'mobx'
import type { UploadView } from '@/contract/uploads/schemas'
import { ApiError } from '@/platform/api-error'
import type { FileSource, Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { applicationsService } from '../api'

/** Per file, as the server allows (UPLOAD_MAX_BYTES): refused here before a long upload the server would refuse. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export type UploadStatus = 'picking' | 'uploading' | 'removing' | 'done' | 'error'

export interface MaterialUpload {
  status: UploadStatus
  /** The server's record once uploaded (the id the submit sends). */
  upload?: UploadView
  /** Why it failed, in words the citizen reads. */
  error?: string
}

/**
 * The uploads of one apply form, one per material: pick (camera, album or a PDF, through the
 * platform), upload, replace (pick again) or remove. Only the newest upload of a material is
 * sent with the submit; an upload left behind is removed by the server's retention purge.
 */
export class MaterialUploadsStore {
  byMaterial: Record<string, MaterialUpload> = {}

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'chooseFile'>,
  ) {
    makeAutoObservable<MaterialUploadsStore, 'api' | 'platform'>(this, { api: false, platform: false })
  }

  of(material: string): MaterialUpload | undefined {
    return this.byMaterial[material]
  }

  get busy(): boolean {
    return Object.values(this.byMaterial).some((entry) => entry.status === 'picking' || entry.status === 'uploading' || entry.status === 'removing')
  }

  /** What the submit sends: each material's uploaded file. */
  get chosen(): { name: string; uploadId: string }[] {
    return Object.entries(this.byMaterial).flatMap(([name, entry]) => (entry.status === 'done' && entry.upload ? [{ name, uploadId: entry.upload.id }] : []))
  }

  async pick(itemCode: string, material: string, source: FileSource): Promise<void> {
    const previous = this.byMaterial[material]
    this.byMaterial[material] = { status: 'picking', ...(previous?.upload ? { upload: previous.upload } : {}) }
    try {
      const file = await this.platform.chooseFile(source)
      if (file.size !== undefined && file.size > MAX_UPLOAD_BYTES) {
        runInAction(() => (this.byMaterial[material] = { status: 'error', error: '文件太大（超过 10 MB），请重新拍照或选择较小的文件' }))
        return
      }
      runInAction(() => (this.byMaterial[material] = { status: 'uploading' }))
      const upload = await applicationsService.upload(this.api, file, itemCode, material)
      runInAction(() => (this.byMaterial[material] = { status: 'done', upload }))
    } catch (error) {
      runInAction(() => {
        // Closing the picker changes nothing: what was uploaded before stays.
        if (error instanceof ApiError && error.code === 'CANCELLED') {
          if (previous) this.byMaterial[material] = previous
          else delete this.byMaterial[material]
          return
        }
        this.byMaterial[material] = { status: 'error', error: error instanceof ApiError ? error.message : '上传没有成功，请重试' }
      })
    }
  }

  /**
   * 移除: deletes the file on the server (DELETE /api/uploads/:id), then takes it off this
   * application. Already gone there (404) counts as removed; any other failure keeps the file
   * and says so, as the citizen would otherwise believe a file removed that is still held.
   */
  async remove(material: string): Promise<void> {
    const entry = this.byMaterial[material]
    if (!entry?.upload || entry.status !== 'done') {
      delete this.byMaterial[material]
      return
    }
    const upload = entry.upload
    this.byMaterial[material] = { status: 'removing', upload }
    try {
      await applicationsService.removeUpload(this.api, upload.id)
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) {
        runInAction(() => (this.byMaterial[material] = { status: 'done', upload, error: error instanceof ApiError ? error.message : '没有移除成功，请重试' }))
        return
      }
    }
    runInAction(() => {
      if (this.byMaterial[material]?.upload?.id === upload.id) delete this.byMaterial[material]
    })
  }

  reset(): void {
    this.byMaterial = {}
  }
}

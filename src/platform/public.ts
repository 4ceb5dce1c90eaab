/**
 * What every entry (index.ts, index.weapp.ts, index.alipay.ts, index.h5.ts) re-exports next
 * to `platform`, so the app imports only from `src/platform`. Nothing here may import an
 * adapter or a table: each bundle must carry only its own.
 */
export { ApiError } from './api-error'
export { SANDBOX_CODE_STORAGE_KEY } from './sandbox'
export type {
  AccountPlatform,
  FaceVerificationEvidence,
  FaceVerificationRequest,
  HttpMethod,
  Listening,
  ListenHandlers,
  LoginCredential,
  NetworkStatus,
  NetworkType,
  Platform,
  PlatformFeatures,
  PlatformName,
  RequestOptions,
  SpeakRequest,
  Speech,
  SubscribeDecision,
} from './types'

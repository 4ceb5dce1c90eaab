/**
 * Signed out: the login page (any path, kept to return to). Signed in with an initial
 * password: only the change form. Otherwise the shell with the pages the roles allow.
 */
import { Spin } from 'antd'
import { lazy, Suspense, useEffect } from 'react'
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom'
import { CONSOLE_ROUTES, mayOpen } from './routes'
import { session, watchIdle } from './session'
import { Shell } from './Shell'
import { useSession } from './useSession'

const Login = lazy(() => import('./pages/Login'))
const ChangePassword = lazy(() => import('./pages/ChangePassword'))
const pages: Record<string, React.LazyExoticComponent<() => React.JSX.Element>> = {
  '/dashboard': lazy(() => import('./pages/Dashboard')),
  '/applications': lazy(() => import('./pages/Applications')),
  '/rectifications': lazy(() => import('./pages/Rectifications')),
  '/payments': lazy(() => import('./pages/Payments')),
  '/feedback': lazy(() => import('./pages/Feedback')),
  '/services': lazy(() => import('./pages/Services')),
  '/notices': lazy(() => import('./pages/Notices')),
  '/health': lazy(() => import('./pages/Health')),
  '/operators': lazy(() => import('./pages/Operators')),
  '/calendar': lazy(() => import('./pages/Calendar')),
  '/releases': lazy(() => import('./pages/Releases')),
}

export const Loading = () => <Spin size="large" style={{ display: 'block', margin: '120px auto' }} tip="加载中…"><div /></Spin>

export function Root() {
  const current = useSession()
  const location = useLocation()
  const navigate = useNavigate()

  useEffect(() => {
    if (!current) return
    return watchIdle(() => session.expire())
  }, [current])

  if (!current) {
    const from = session.peekReturnTo() ?? (location.pathname === '/login' ? null : location.pathname + location.search)
    return (
      <Suspense fallback={<Loading />}>
        <Login from={from} expired={session.peekReturnTo() !== null} onDone={(to) => navigate(to, { replace: true })} />
      </Suspense>
    )
  }
  if (current.mustChangePassword) {
    return (
      <Suspense fallback={<Loading />}>
        <ChangePassword forced />
      </Suspense>
    )
  }
  const allowed = CONSOLE_ROUTES.filter((route) => mayOpen(route, current.operator.roles))
  const home = allowed[0]?.path ?? '/dashboard'
  return (
    <Shell routes={allowed}>
      <Suspense fallback={<Loading />}>
        <Routes>
          {allowed.map((route) => {
            const Page = pages[route.path]!
            return <Route key={route.path} path={route.path} element={<Page />} />
          })}
          <Route path="/password" element={<ChangePassword forced={false} />} />
          <Route path="/login" element={<Navigate to={home} replace />} />
          <Route path="/" element={<Navigate to={home} replace />} />
          <Route path="*" element={<NotAllowed />} />
        </Routes>
      </Suspense>
    </Shell>
  )
}

function NotAllowed() {
  return (
    <div role="alert" style={{ padding: 48, fontSize: 16 }}>
      没有这个页面，或您的角色不能打开它。请从左侧菜单选择。
    </div>
  )
}

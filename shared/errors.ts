// The one table of error codes: HTTP status and a default message (zh-CN first, English after).
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: '输入有误 / Invalid input' },
  UNAUTHENTICATED: { status: 401, message: '请先登录 / Please log in' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误 / Wrong user name or password' },
  SESSION_EXPIRED: { status: 401, message: '会话已过期，请重新登录 / Session expired' },
  FORBIDDEN: { status: 403, message: '无权执行此操作 / Not allowed' },
  CSRF_FAILED: { status: 403, message: '请求来源校验失败 / CSRF check failed' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改密码 / Change your password first' },
  NOT_FOUND: { status: 404, message: '未找到 / Not found' },
  CONFLICT: { status: 409, message: '与现有数据冲突 / Conflicts with existing data' },
  INVALID_STATE_TRANSITION: { status: 409, message: '当前状态不允许此操作 / Not allowed in the current state' },
  VERSION_MISMATCH: { status: 412, message: '数据已被他人修改，请刷新后重试 / Changed by someone else; reload and retry' },
  UNPROCESSABLE: { status: 422, message: '无法处理 / Cannot be processed' },
  CALENDAR_YEAR_MISSING: { status: 422, message: '该年度节假日安排未导入 / the calendar for that year is not loaded' },
  PASSWORD_POLICY: { status: 422, message: '密码不符合安全策略 / Password does not meet the policy' },
  PRECONDITION_REQUIRED: { status: 428, message: '缺少 If-Match 版本号 / If-Match version required' },
  ACCOUNT_LOCKED: { status: 429, message: '尝试次数过多，账号已锁定 / Too many attempts; account locked' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '文件过大 / Payload too large' },
  INTERNAL: { status: 500, message: '服务器内部错误 / Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The one JSON error shape every route answers with. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

import { defineMessages } from '../../i18n.tsx';

export const m = defineMessages({
  username: { zh: '用户名', en: 'User name' },
  password: { zh: '密码', en: 'Password' },
  loginTitle: { zh: '登录', en: 'Log in' },
  loginHint: { zh: '请使用单位分配的账号登录。连续输错密码将临时锁定账号。', en: 'Use the account your office gave you. Repeated wrong passwords lock the account for a while.' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  confirmPassword: { zh: '确认新密码', en: 'Repeat the new password' },
  mismatch: { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  mustChange: { zh: '首次登录或密码已重置，请先设置新密码后再继续使用。', en: 'Set a new password before you go on (first login or a reset password).' },
  policyTitle: { zh: '新密码不符合安全策略：', en: 'The new password does not meet the policy:' },
  changed: { zh: '密码已修改', en: 'Password changed' },
});

/**
 * The form that creates a user (POST /api/users) or changes one (PATCH /api/users/:id): 用户名,
 * 姓名, 角色 as checkboxes, 所属部门 for 部门审批人员 (from the department register), 证件号码 for
 * 申请人 (sent once, never shown again: the server keeps only its key), and an initial password.
 * A refusal is shown in the form, in the server's Chinese words.
 */
import { useRef, useState } from 'preact/hooks';
import { api, ApiFailure } from '../shared/api.js';
import { Attempt } from '../shared/attempt.js';
import { ROLE_LABELS } from '../shared/format.js';
import type { Role } from '../shared/session.js';
import { ROLE_ORDER, type UserRow } from './types.js';

export interface Created {
  readonly user: UserRow;
  readonly token: string | null;
}

interface Props {
  /** The user to change; absent: a new user. */
  readonly user?: UserRow;
  readonly departments: readonly string[];
  readonly onDone: (result: { created?: Created; changed?: UserRow }) => void;
  readonly onCancel: () => void;
}

export function UserForm({ user, departments, onDone, onCancel }: Props) {
  const [id, setId] = useState('');
  const [name, setName] = useState(user?.name ?? '');
  const [roles, setRoles] = useState<readonly Role[]>(user?.roles ?? []);
  const [department, setDepartment] = useState(user?.department ?? '');
  const [idNumber, setIdNumber] = useState('');
  const [unbind, setUnbind] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The same user sent again after no answer is a retry (its key kept); a refusal frees the key. */
  const attempt = useRef(new Attempt()).current;
  const toggle = (role: Role) =>
    setRoles((old) =>
      old.includes(role) ? old.filter((r) => r !== role) : ROLE_ORDER.filter((r) => r === role || old.includes(r)),
    );
  const offered = department && !departments.includes(department) ? [...departments, department] : departments;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (roles.length === 0) return setError('请至少选择一个角色');
    if (roles.includes('department') && !department) return setError('部门审批人员必须选择所属部门');
    setBusy(true);
    setError(null);
    try {
      const dept = roles.includes('department') ? department : undefined;
      const number = roles.includes('applicant') && idNumber.trim() ? idNumber.trim() : undefined;
      if (user) {
        const change: Record<string, unknown> = {};
        if (name.trim() !== user.name) change.name = name.trim();
        if (roles.join() !== user.roles.join()) change.roles = roles;
        if ((dept ?? null) !== (user.department ?? null)) change.department = dept ?? null;
        if (number) change.idNumber = number;
        else if (unbind && user.boundIdentity) change.idNumber = null;
        if (Object.keys(change).length === 0) return onCancel();
        onDone({
          changed: await api<UserRow>(`/api/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: change }),
        });
      } else {
        const body = {
          id: id.trim(),
          name: name.trim(),
          roles,
          ...(dept ? { department: dept } : {}),
          ...(number ? { idNumber: number } : {}),
          ...(password ? { password } : {}),
        };
        const created = await api<Created>('/api/users', { body, idempotencyKey: attempt.keyFor(body) });
        attempt.answered();
        onDone({ created });
      }
    } catch (failure) {
      attempt.failed(failure);
      setError(failure instanceof ApiFailure ? failure.zh : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="mf-card mf-user-form" aria-label={user ? `编辑用户 ${user.id}` : '新建用户'} onSubmit={submit}>
      <h2>{user ? `编辑用户：${user.name}（${user.id}）` : '新建用户'}</h2>
      <div class="mf-user-fields">
        {!user && (
          <label>
            用户名
            <input
              required
              maxLength={100}
              value={id}
              onInput={(e) => setId(e.currentTarget.value)}
              placeholder="字母、数字或 ._@-"
            />
          </label>
        )}
        <label>
          姓名
          <input required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
      </div>
      <fieldset class="mf-user-roles">
        <legend>角色</legend>
        {ROLE_ORDER.map((role) => (
          <label key={role}>
            <input type="checkbox" checked={roles.includes(role)} onChange={() => toggle(role)} />
            {ROLE_LABELS[role]}
          </label>
        ))}
      </fieldset>
      <div class="mf-user-fields">
        {roles.includes('department') && (
          <label>
            所属部门
            <select required value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
              <option value="">请选择部门</option>
              {offered.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
        )}
        {roles.includes('applicant') && (
          <label>
            证件号码
            <input
              aria-label="证件号码"
              aria-describedby="mf-user-id-hint"
              maxLength={50}
              autoComplete="off"
              value={idNumber}
              onInput={(e) => setIdNumber(e.currentTarget.value)}
              placeholder={user?.boundIdentity ? '已绑定；填写则改绑' : '申请人本人的证件号码'}
            />
            <span class="mf-user-hint" id="mf-user-id-hint">
              只保存其摘要，绑定后该申请人可查看以此证件号码申请的办件；不再显示。
            </span>
          </label>
        )}
        {user?.boundIdentity && roles.includes('applicant') && (
          <label>
            <span>
              <input type="checkbox" checked={unbind} onChange={(e) => setUnbind(e.currentTarget.checked)} />{' '}
              解除证件号码绑定
            </span>
          </label>
        )}
        {!user && (
          <label>
            登录密码（可选）
            <input
              type="password"
              autoComplete="new-password"
              minLength={8}
              maxLength={200}
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              placeholder="8 至 200 个字符；不填则只能用令牌访问接口"
            />
          </label>
        )}
      </div>
      {error && (
        <p class="mf-user-error" role="alert">
          {error}
        </p>
      )}
      <div class="mf-toolbar">
        <button type="submit" class="primary" disabled={busy}>
          {user ? '保存修改' : '创建用户'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          取消
        </button>
      </div>
    </form>
  );
}

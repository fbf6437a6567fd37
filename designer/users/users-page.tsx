/**
 * The 用户管理 list: search (用户名, 姓名, 部门), role and status filters, pages of 20; per user 编辑,
 * 停用 / 启用 (停用 asks once more: the user's token and sessions stop working at once) and 重置密码.
 * A new user's API token is shown once, above the list, until the administrator dismisses it.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { formatDateTime, ROLE_LABELS } from '../shared/format.js';
import { ROLE_ORDER, type UserPage, type UserRow } from './types.js';
import { UserForm, type Created } from './user-form.js';

const PAGE = 20;

interface Props {
  readonly departments: readonly string[];
  /** The signed-in administrator (who cannot deactivate themselves). */
  readonly self: string;
  readonly notify: (message: string, kind?: 'info' | 'success' | 'error') => void;
  readonly showError: (error: unknown) => void;
}

interface Filter {
  readonly q: string;
  readonly role: string;
  readonly active: string;
}

export function UsersPage({ departments, self, notify, showError }: Props) {
  const [filter, setFilter] = useState<Filter>({ q: '', role: '', active: '' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<UserPage | null>(null);
  const [form, setForm] = useState<{ user?: UserRow } | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  const load = async (wanted = filter, at = offset) => {
    try {
      setPage(await api<UserPage>('/api/users', { query: { ...wanted, limit: PAGE, offset: at } }));
      setOffset(at);
    } catch (error) {
      showError(error);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  /** Run one action on a user; true when the server took it (the list is then reloaded). */
  const act = async (run: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await run();
    } catch (error) {
      showError(error);
      return false;
    }
    notify(done, 'success');
    await load();
    return true;
  };

  return (
    <div class="mf-users">
      <section class="mf-card">
        <h1>用户管理</h1>
        <form
          class="mf-users-search"
          role="search"
          aria-label="查找用户"
          onSubmit={(event) => {
            event.preventDefault();
            void load(filter, 0);
          }}
        >
          <input
            type="search"
            aria-label="搜索"
            placeholder="用户名、姓名或部门"
            value={filter.q}
            onInput={(e) => setFilter({ ...filter, q: e.currentTarget.value })}
          />
          <select
            aria-label="角色"
            value={filter.role}
            onChange={(e) => setFilter({ ...filter, role: e.currentTarget.value })}
          >
            <option value="">全部角色</option>
            {ROLE_ORDER.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
          <select
            aria-label="状态"
            value={filter.active}
            onChange={(e) => setFilter({ ...filter, active: e.currentTarget.value })}
          >
            <option value="">全部状态</option>
            <option value="true">在用</option>
            <option value="false">已停用</option>
          </select>
          <button type="submit">查询</button>
          <button type="button" class="primary" onClick={() => (setCreated(null), setForm({}))}>
            新建用户
          </button>
        </form>
      </section>

      {created && <TokenOnce created={created} onDismiss={() => setCreated(null)} />}

      {form && (
        <UserForm
          key={form.user?.id ?? 'new'}
          {...(form.user ? { user: form.user } : {})}
          departments={departments}
          onCancel={() => setForm(null)}
          onDone={({ created: made, changed }) => {
            setForm(null);
            if (made) {
              setCreated(made);
              notify(`已创建用户 ${made.user.id}`, 'success');
            }
            if (changed) notify(`已保存用户 ${changed.id} 的修改`, 'success');
            void load();
          }}
        />
      )}

      {page && (
        <section aria-label="用户列表">
          <table class="mf-users-table">
            <thead>
              <tr>
                <th scope="col">用户名</th>
                <th scope="col">姓名</th>
                <th scope="col">角色</th>
                <th scope="col">所属部门</th>
                <th scope="col">证件号码</th>
                <th scope="col">状态</th>
                <th scope="col">创建</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {page.users.map((user) => (
                <UserLine
                  key={user.id}
                  user={user}
                  self={self}
                  onEdit={() => setForm({ user })}
                  onDeactivate={() =>
                    act(
                      () => api(`/api/users/${encodeURIComponent(user.id)}/deactivation`, { method: 'POST' }),
                      `已停用用户 ${user.id}：其令牌和登录会话立即失效`,
                    )
                  }
                  onReactivate={() =>
                    act(
                      () => api(`/api/users/${encodeURIComponent(user.id)}/deactivation`, { method: 'DELETE' }),
                      `已启用用户 ${user.id}`,
                    )
                  }
                  onPassword={(password) =>
                    act(
                      () => api(`/api/users/${encodeURIComponent(user.id)}/password`, { body: { password } }),
                      `已重置用户 ${user.id} 的密码，其登录会话已结束`,
                    )
                  }
                />
              ))}
            </tbody>
          </table>
          {page.users.length === 0 && <p class="mf-muted">没有符合条件的用户。</p>}
          <div class="mf-users-pager">
            <button type="button" disabled={offset === 0} onClick={() => void load(filter, Math.max(offset - PAGE, 0))}>
              上一页
            </button>
            <span class="mf-muted">
              第 {page.total === 0 ? 0 : offset + 1}–{offset + page.users.length} 个，共 {page.total} 个用户
            </span>
            <button
              type="button"
              disabled={offset + PAGE >= page.total}
              onClick={() => void load(filter, offset + PAGE)}
            >
              下一页
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

function TokenOnce({ created, onDismiss }: { created: Created; onDismiss: () => void }) {
  return (
    <section class="mf-card mf-user-token" role="status" aria-label="新用户的接口令牌">
      <strong>
        用户 {created.user.name}（{created.user.id}）已创建。
      </strong>
      {created.token ? (
        <>
          <p>接口令牌（Bearer token）只显示这一次，请立即复制并交给本人妥善保管：</p>
          <code aria-label="接口令牌">{created.token}</code>
        </>
      ) : (
        <p>该用户此前已创建，令牌已在当时显示过，无法再次显示。</p>
      )}
      <button type="button" onClick={onDismiss}>
        我已保存
      </button>
    </section>
  );
}

interface LineProps {
  readonly user: UserRow;
  readonly self: string;
  readonly onEdit: () => void;
  readonly onDeactivate: () => Promise<boolean>;
  readonly onReactivate: () => Promise<boolean>;
  readonly onPassword: (password: string) => Promise<boolean>;
}

function UserLine({ user, self, onEdit, onDeactivate, onReactivate, onPassword }: LineProps) {
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  return (
    <tr class={user.active ? undefined : 'mf-users-inactive'} data-user={user.id}>
      <td>{user.id}</td>
      <td>{user.name}</td>
      <td>{user.roles.map((role) => ROLE_LABELS[role] ?? role).join('、')}</td>
      <td>{user.department ?? '—'}</td>
      <td>{user.roles.includes('applicant') ? (user.boundIdentity ? '已绑定' : '未绑定') : '—'}</td>
      <td>
        {user.active ? (
          '在用'
        ) : (
          <span class="mf-users-state-off" title={`${user.deactivatedBy ?? ''} ${formatDateTime(user.deactivatedAt)}`}>
            已停用
          </span>
        )}
      </td>
      <td>
        {formatDateTime(user.createdAt)}（{user.createdBy}）
      </td>
      <td>
        <div class="mf-users-actions">
          <button type="button" onClick={onEdit}>
            编辑
          </button>
          {user.active && user.id !== self && !confirming && (
            <button type="button" class="danger" onClick={() => setConfirming(true)}>
              停用
            </button>
          )}
          {confirming && (
            <>
              <button type="button" class="danger" onClick={() => void onDeactivate().then(() => setConfirming(false))}>
                确认停用
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                取消
              </button>
            </>
          )}
          {!user.active && (
            <button type="button" onClick={() => void onReactivate()}>
              启用
            </button>
          )}
          {password === null ? (
            <button type="button" onClick={() => setPassword('')}>
              重置密码
            </button>
          ) : (
            <form
              class="mf-users-actions"
              aria-label={`重置 ${user.id} 的密码`}
              onSubmit={(event) => {
                event.preventDefault();
                void onPassword(password).then((done) => done && setPassword(null));
              }}
            >
              <input
                type="password"
                aria-label="新密码"
                autoComplete="new-password"
                minLength={8}
                maxLength={200}
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
              <button type="submit" class="primary">
                确定
              </button>
              <button type="button" onClick={() => setPassword(null)}>
                取消
              </button>
            </form>
          )}
        </div>
      </td>
    </tr>
  );
}

/**
 * The Users screen (`#/users`, admins): every account with its role, whether it has a PIN, is
 * disabled or locked after failed sign-ins, and its last sign-in; add, change (role, password,
 * PIN, disabled) and remove, each confirmed in a dialog. The core's refusals (the last admin,
 * your own account) are shown as it says them. Other roles see who may, and a way to sign in.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Role, UserInfo } from '../../core/contract/index.js';
import { roles } from '../../core/contract/index.js';
import { useServices } from '../app-context.js';
import { Modal } from '../components/modal.js';
import { roleWords, useGate } from './gate.js';
import { canHavePin, emptyUserForm, formOf, lockedText, saveUserRequest, whenText } from './users-model.js';
import type { UserForm } from './users-model.js';

export function GateNotice({ testId, hint, canSignIn, onSignIn }: { testId: string; hint: string; canSignIn: boolean; onSignIn(): void }) {
  return (
    <div className="perm-hint" data-testid={testId}>
      {hint}.
      {canSignIn ? (
        <button type="button" className="al-button al-primary" data-testid={`${testId}-sign-in`} onClick={onSignIn}>
          Sign in…
        </button>
      ) : null}
    </div>
  );
}

function UserDialog({ existing, onClose, onSaved }: { existing: UserInfo | undefined; onClose(): void; onSaved(users: UserInfo[]): void }) {
  const { client } = useServices();
  const [form, setForm] = useState<UserForm>(() => (existing === undefined ? emptyUserForm() : formOf(existing)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const check = saveUserRequest(form, existing);
  const change = (part: Partial<UserForm>) => setForm({ ...form, ...part });
  const pinAllowed = canHavePin(form.role);

  const save = () => {
    if (!check.ok || busy) return;
    setBusy(true);
    setError(null);
    void client.saveUser(check.request).then((result) => {
      setBusy(false);
      if (result.ok) onSaved(result.value);
      else setError(result.error.message);
    });
  };

  return (
    <Modal title={existing === undefined ? 'Add a user' : `Change ${existing.name}`} testId="user-dialog" onCancel={onClose}>
      <div className="acc-form">
        <label className="al-field">
          <span className="field-label">Name</span>
          <input className="al-input" data-testid="user-name" value={form.name} disabled={existing !== undefined} maxLength={64} autoComplete="off" spellCheck={false} onChange={(e) => change({ name: e.target.value })} />
        </label>
        <label className="al-field">
          <span className="field-label">Role</span>
          <select className="al-select" data-testid="user-role" value={form.role} onChange={(e) => change({ role: e.target.value as Role })}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleWords[role]}
              </option>
            ))}
          </select>
        </label>
        <label className="al-field">
          <span className="field-label">{existing === undefined ? 'Password (at least 8 characters)' : 'New password (empty: keep)'}</span>
          <input className="al-input" data-testid="user-password" type="password" value={form.password} maxLength={200} autoComplete="new-password" onChange={(e) => change({ password: e.target.value })} />
        </label>
        <label className="al-field">
          <span className="field-label">{pinAllowed ? (existing?.hasPin ? 'New PIN (empty: keep)' : 'PIN (4–8 digits, optional)') : 'PIN: not for this role'}</span>
          <input
            className="al-input"
            data-testid="user-pin"
            type="password"
            inputMode="numeric"
            value={form.pin}
            maxLength={8}
            disabled={!pinAllowed || form.removePin}
            autoComplete="off"
            onChange={(e) => change({ pin: e.target.value.replace(/\D/g, '') })}
          />
        </label>
        {existing?.hasPin && pinAllowed ? (
          <label className="acc-check">
            <input type="checkbox" data-testid="user-remove-pin" checked={form.removePin} onChange={(e) => change({ removePin: e.target.checked, pin: '' })} />
            Remove the PIN
          </label>
        ) : null}
        <label className="acc-check">
          <input type="checkbox" data-testid="user-disabled" checked={form.disabled} onChange={(e) => change({ disabled: e.target.checked })} />
          Disabled (cannot sign in)
        </label>
      </div>
      <p className="si-problem" data-testid="user-problem">
        {!check.ok && (form.name !== '' || form.password !== '' || form.pin !== '') ? check.reason : ''}
      </p>
      {error !== null ? (
        <p className="si-error" role="alert" data-testid="user-error">
          {error}
        </p>
      ) : null}
      <div className="al-modal-actions">
        <button type="button" className="al-button" data-testid="dialog-cancel" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="al-button al-primary" data-testid="user-save" disabled={!check.ok || busy} onClick={save}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Modal>
  );
}

function RemoveDialog({ user, onClose, onRemoved }: { user: UserInfo; onClose(): void; onRemoved(users: UserInfo[]): void }) {
  const { client } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = () => {
    setBusy(true);
    void client.deleteUser({ name: user.name }).then((result) => {
      setBusy(false);
      if (result.ok) onRemoved(result.value);
      else setError(result.error.message);
    });
  };
  return (
    <Modal title={`Remove ${user.name}?`} testId="remove-dialog" onCancel={onClose}>
      <p className="al-modal-text">
        {user.name} ({roleWords[user.role]}) will no longer be able to sign in. What they did stays in the audit trail.
      </p>
      {error !== null ? (
        <p className="si-error" role="alert" data-testid="remove-error">
          {error}
        </p>
      ) : null}
      <div className="al-modal-actions">
        <button type="button" className="al-button" data-testid="dialog-cancel" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="al-button al-primary" data-testid="remove-confirm" disabled={busy} onClick={remove}>
          Remove {user.name}
        </button>
      </div>
    </Modal>
  );
}

type Editing = { kind: 'add' } | { kind: 'edit'; user: UserInfo } | { kind: 'remove'; user: UserInfo } | null;

function UserList() {
  const { client } = useServices();
  const [users, setUsers] = useState<UserInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const load = useCallback(async () => {
    const result = await client.listUsers({});
    if (result.ok) {
      setUsers(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);
  const saved = (list: UserInfo[]) => {
    setUsers(list);
    setEditing(null);
  };
  const now = Date.now();

  return (
    <>
      <div className="acc-head">
        <h1 className="acc-title">Users</h1>
        <span className="acc-note">{users === null ? '' : `${users.length} account${users.length === 1 ? '' : 's'}`}</span>
        <div className="acc-spacer" />
        <button type="button" className="al-button al-primary" data-testid="user-add" onClick={() => setEditing({ kind: 'add' })}>
          Add user…
        </button>
      </div>
      {error !== null ? (
        <p className="acc-error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="acc-table" data-testid="user-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">PIN</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((user) => {
            const locked = lockedText(user, now);
            return (
              <tr key={user.name} data-testid="user-row" data-name={user.name} data-role={user.role}>
                <td>
                  <strong>{user.name}</strong>
                </td>
                <td>{roleWords[user.role]}</td>
                <td data-testid="user-has-pin">{user.hasPin ? 'Yes' : 'No'}</td>
                <td data-testid="user-status">
                  {user.disabled ? (
                    <span className="acc-flag" data-on="true">
                      Disabled
                    </span>
                  ) : null}
                  {locked !== null ? (
                    <span className="acc-flag" data-on="true">
                      {user.disabled ? ' · ' : ''}
                      {locked}
                    </span>
                  ) : null}
                  {!user.disabled && locked === null ? 'Active' : null}
                </td>
                <td>{whenText(user.lastLoginAt, 'never')}</td>
                <td>
                  <div className="acc-actions">
                    <button type="button" className="al-button" data-testid="user-edit" onClick={() => setEditing({ kind: 'edit', user })}>
                      Change…
                    </button>
                    <button type="button" className="al-button" data-testid="user-remove" onClick={() => setEditing({ kind: 'remove', user })}>
                      Remove…
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editing?.kind === 'add' ? <UserDialog existing={undefined} onClose={() => setEditing(null)} onSaved={saved} /> : null}
      {editing?.kind === 'edit' ? <UserDialog existing={editing.user} onClose={() => setEditing(null)} onSaved={saved} /> : null}
      {editing?.kind === 'remove' ? <RemoveDialog user={editing.user} onClose={() => setEditing(null)} onRemoved={saved} /> : null}
    </>
  );
}

export function UsersScreen() {
  const gate = useGate('manage-users', 'manage user accounts');
  return (
    <main className="acc-screen" data-testid="users-screen">
      {gate.allowed ? <UserList /> : <GateNotice testId="users-gate" hint={gate.hint ?? ''} canSignIn={gate.canSignIn} onSignIn={gate.ask} />}
    </main>
  );
}

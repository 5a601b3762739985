import { session } from "../state/session";

/** Only on a server started with --demo: sign in as one of the demo people. */
export function DemoUserPicker() {
  const byCompany = new Map<string, typeof session.demoUsers>();
  for (const u of session.demoUsers) {
    byCompany.set(u.company, [...(byCompany.get(u.company) ?? []), u]);
  }
  return (
    <section class="demo-users" aria-labelledby="demo-title">
      <h2 id="demo-title">Demo people</h2>
      <p class="hint">This server runs with demo data. Pick someone to sign in as them.</p>
      {[...byCompany].map(([company, users]) => (
        <div key={company}>
          <h3>{company}</h3>
          <ul>
            {users.map((u) => (
              <li key={u.email}>
                <button type="button" onClick={() => void session.signIn(u.token)}>
                  {u.displayName} <span class="muted-text">{roleInWords(u.role)} · {u.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function roleInWords(role: string): string {
  return role.replace(/^ROLE_/, "").replace(/_/g, " ").toLowerCase();
}

import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createApiKeyRecord } from '../domain/roles/api-keys';
import { customerMessage, deliveryReceipt, postMessengerWebhook, readReceipt } from '../demo/simulate';
import { createEmployee, ensureBuiltinRoles } from '../domain/employees/create-employee';
import { findRoleByName } from '../domain/roles/find-role';
import { DEMO_PAGE_ID, seedDemoIfEmpty } from '../domain/seed/seed-demo';
import { bootRuntime } from '../runtime/boot';
import { withLocalSecrets } from '../runtime/local-secrets';

const usage = `Usage: npm run cli -- <command> [options]

  create-admin --email E --password P [--name N]   an employee with the built-in Admin role
  create-api-key --name N --role R                 prints the new key alone on its last line
  seed-demo                                        loads the demo data (into an empty database)
  simulate message --text T [--psid ID] [--url U]  a demo customer writes (signed webhook to a running server)
  simulate delivery --psid ID --mid M [--url U]    the customer's phone confirms delivery
  simulate read --psid ID [--url U]                the customer reads everything we sent`;

async function withRuntime<T>(work: (rt: Awaited<ReturnType<typeof bootRuntime>>) => Promise<T>): Promise<T> {
  const rt = await bootRuntime({ config: loadConfig(withLocalSecrets(process.env)), startJobs: false, log: quietLog });
  try {
    return await work(rt);
  } finally {
    await rt.close();
  }
}

const quietLog = { info() {}, warn: (o: unknown, m?: string) => console.warn(m ?? o), error: (o: unknown, m?: string) => console.error(m ?? o) };

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(argv: string[]) {
  const [command, sub] = argv;
  const { values } = parseArgs({
    args: argv.slice(command === 'simulate' ? 2 : 1),
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      text: { type: 'string' },
      psid: { type: 'string' },
      mid: { type: 'string' },
      url: { type: 'string' },
    },
  });

  switch (command) {
    case 'create-admin': {
      if (!values.email || !values.password) fail('create-admin needs --email and --password.');
      await withRuntime(async (rt) => {
        const builtin = await ensureBuiltinRoles(rt.deps.db);
        const employee = await createEmployee(rt.deps.db, {
          name: values.name ?? values.email!,
          email: values.email!,
          password: values.password!,
          roleId: builtin.Admin.id,
        });
        console.log(`Created admin ${employee.email}.`);
      });
      return;
    }
    case 'create-api-key': {
      if (!values.name || !values.role) fail('create-api-key needs --name and --role (a role name such as Operator).');
      await withRuntime(async (rt) => {
        await ensureBuiltinRoles(rt.deps.db);
        const { role, names } = await findRoleByName(rt.deps.db, values.role!);
        if (!role) fail(`No role named "${values.role}". Roles: ${names.join(', ')}`);
        const key = await createApiKeyRecord(rt.deps.db, values.name!, role.id);
        console.log(`API key "${values.name}" with role ${role.name} (shown once):`);
        console.log(key);
      });
      return;
    }
    case 'seed-demo': {
      await withRuntime(async (rt) => {
        const seeded = await seedDemoIfEmpty(rt.deps);
        console.log(seeded ? 'Demo data loaded. Sign in as admin@demo.local / demo-admin-2026.' : 'The database already has employees; demo data not loaded.');
      });
      return;
    }
    case 'simulate': {
      const config = loadConfig(withLocalSecrets(process.env));
      const target = { baseUrl: values.url ?? `http://127.0.0.1:${config.port}`, appSecret: config.metaAppSecret!, pageId: DEMO_PAGE_ID };
      const psid = values.psid ?? '2900000000000001';
      const event =
        sub === 'message'
          ? customerMessage(target, psid, values.text ?? fail('simulate message needs --text.'))
          : sub === 'delivery'
            ? deliveryReceipt(target, psid, [values.mid ?? fail('simulate delivery needs --mid.')])
            : sub === 'read'
              ? readReceipt(target, psid)
              : fail(usage);
      const response = await postMessengerWebhook(target, [event]);
      console.log(`${target.baseUrl}/api/webhooks/meta answered ${response.status} ${await response.text()}`);
      if (!response.ok) process.exit(1);
      return;
    }
    default:
      console.log(usage);
      if (command && command !== 'help') process.exit(2);
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

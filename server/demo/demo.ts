// Loads the Changji demo (../shared/demo/changji.json, copied beside this file) with generated fictional people.
import type { Db, Tx } from '../db/db.ts';
import type { Services } from '../app.ts';
import type { Clock } from '../platform/clock.ts';
import { chinaDate } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import type { Post } from '../../shared/roles.ts';
import changji from './changji.json' with { type: 'json' };

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔向汤';
const GIVEN = ['建国', '志强', '海燕', '丽娟', '文华', '晓东', '红梅', '国栋', '新民', '玉兰', '振华', '春燕', '德明', '秀英', '军', '静', '磊', '敏', '涛', '婷', '伟', '芳', '强', '娜', '勇', '艳', '杰', '霞', '明', '洁', '永刚', '雪梅', '学军', '桂兰', '鹏', '慧', '天山', '博文', '雅琴', '建新'];
const MINORITY = ['阿不都热合曼·买买提', '古丽娜尔·艾力', '努尔兰·哈力木', '热依拉·吐尔逊', '艾克拜尔·依明', '阿依古丽·托合提', '叶尔兰·努尔旦', '迪丽拜尔·阿布都'];

/** mulberry32: a deterministic generator, so the demo is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  office: string;
}

export interface DemoOptions {
  /** Tests and e2e set a known password; otherwise each account gets a one-time password. */
  password?: string;
  mustChangePassword?: boolean;
}

const COUNTY_UNITS = ['发展和改革委员会', '自然资源局', '住房和城乡建设局', '政务服务和公共资源交易中心', '财政局', '生态环境分局', '应急管理局', '市场监督管理局'];
const PARK_UNITS = ['经济发展局', '规划建设局', '自然资源分局', '政务服务中心', '财政局', '安全生产监督管理局'];

export async function loadDemo(handle: { db: Db }, services: Services, clock: Clock, opts: DemoOptions = {}): Promise<DemoLogin[]> {
  const { db } = handle;
  const rnd = prng(20201231);
  const usedNames = new Set<string>();
  const personName = () => {
    for (;;) {
      const n = rnd() < 0.08 ? MINORITY[Math.floor(rnd() * MINORITY.length)]! : SURNAMES[Math.floor(rnd() * SURNAMES.length)]! + GIVEN[Math.floor(rnd() * GIVEN.length)]!;
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
    }
  };
  let phoneSeq = 0;
  const mobile = () => `139${String(90990000 + ++phoneSeq * 37).padStart(8, '0')}`;
  const now = clock.now().toISOString();
  const start = '2024-01-01';
  const accountsToMake: Array<{ username: string; personId: string; displayName: string; role: string; office: string }> = [];

  await db.transaction().execute(async (trx: Tx) => {
    const repo = services.organizationRepo;
    const mkOffice = async (o: { parent: { id: string; path: string } | null; level: string; code: string | null; name: string; shortName: string; host: string | null; lg: string | null; oc: string | null; sort: number }) => {
      const id = newId();
      const row = {
        id, parentId: o.parent?.id ?? null, path: `${o.parent?.path ?? '/'}${id}/`, level: o.level, divisionCode: o.code, name: o.name, shortName: o.shortName,
        hostUnitName: o.host, leadingGroupIssuerCode: o.lg, officeIssuerCode: o.oc, sortOrder: o.sort, version: 1, createdAt: now, updatedAt: now,
      };
      await repo.insertOffice(trx, row);
      return row;
    };
    const mkUnit = async (officeId: string, name: string, sort: number, extra: { isHost?: boolean; isMember?: boolean; responsibleBody?: string | null } = {}) => {
      const row = { id: newId(), officeId, name, shortName: null, isMember: extra.isMember === false ? 0 : 1, isHost: extra.isHost ? 1 : 0, responsibleBody: extra.responsibleBody === undefined ? '审批制度改革工作专班' : extra.responsibleBody, phone: `0994-${String(2300000 + sort * 13)}`, address: null, sortOrder: sort, active: 1, version: 1, createdAt: now, updatedAt: now };
      await repo.insertUnit(trx, row);
      return row;
    };
    const mkPerson = async (officeId: string, unitId: string | null, title: string) => {
      const row = { id: newId(), officeId, unitId, name: personName(), title, phone: null, mobile: mobile(), email: null, version: 1, createdAt: now, updatedAt: now };
      await repo.insertPerson(trx, row);
      return row;
    };
    const appoint = (officeId: string, post: Post, personId: string, unitId: string | null, startDate = start) =>
      repo.insertAppointment(trx, { id: newId(), officeId, post, personId, unitId, startDate, endDate: null, note: null, version: 1, createdAt: now, updatedAt: now });

    const region = await mkOffice({ parent: null, level: 'region', code: changji.region.code, name: changji.region.name, shortName: '自治区', host: changji.region.guidingDepartment, lg: null, oc: null, sort: 0 });
    const p = changji.prefecture;
    const pref = await mkOffice({ parent: region, level: 'prefecture', code: p.code, name: p.name, shortName: p.shortName, host: p.officeHostUnit, lg: p.issuerCodes.leadingGroup, oc: p.issuerCodes.office, sort: 10 });

    // Prefecture: member units, each with its principal head (a group member), a liaison and an information officer.
    const units = new Map<string, { id: string }>();
    let sort = 0;
    for (const name of p.memberUnits) units.set(name, await mkUnit(pref.id, name, (sort += 10), { isHost: name === p.officeHostUnit }));
    const leader = await mkPerson(pref.id, null, '州人民政府副州长');
    await appoint(pref.id, 'leader', leader.id, null);
    const deputy = await mkPerson(pref.id, null, '州人民政府副秘书长');
    await appoint(pref.id, 'deputy_leader', deputy.id, null);
    accountsToMake.push({ username: 'cj.leader', personId: leader.id, displayName: leader.name, role: '组长 leader', office: p.shortName });
    accountsToMake.push({ username: 'cj.deputy', personId: deputy.id, displayName: deputy.name, role: '副组长 deputy leader', office: p.shortName });
    let liaisonShown = false;
    for (const [name, unit] of units) {
      const head = await mkPerson(pref.id, unit.id, name === p.officeHostUnit ? '局长' : '主要负责同志');
      await appoint(pref.id, 'group_member', head.id, unit.id);
      if (name === p.officeHostUnit) {
        await appoint(pref.id, 'deputy_leader', head.id, unit.id);
        await appoint(pref.id, 'director', head.id, unit.id);
        accountsToMake.push({ username: 'cj.director', personId: head.id, displayName: head.name, role: '办公室主任 director', office: p.shortName });
      }
      if (name !== '国网昌吉供电公司') {
        // 国网昌吉供电公司 has not named its liaison yet: the roster shows the A2-2 warning.
        const liaison = await mkPerson(pref.id, unit.id, '科长');
        await appoint(pref.id, 'liaison_officer', liaison.id, unit.id);
        if (!liaisonShown) {
          liaisonShown = true;
          accountsToMake.push({ username: 'cj.liaison', personId: liaison.id, displayName: liaison.name, role: `联络员 liaison officer（${name}）`, office: p.shortName });
        }
      }
      if (name === '州气象局') {
        // A liaison handover left half done: two liaison officers at once (A2-2 warning until one is ended).
        const second = await mkPerson(pref.id, unit.id, '副科长');
        await appoint(pref.id, 'liaison_officer', second.id, unit.id, '2025-06-01');
      }
      const info = await mkPerson(pref.id, unit.id, '科员');
      await appoint(pref.id, 'information_officer', info.id, unit.id);
      if (accountsToMake.every((a) => a.username !== 'cj.info')) accountsToMake.push({ username: 'cj.info', personId: info.id, displayName: info.name, role: `信息员 information officer（${name}）`, office: p.shortName });
    }
    for (const [i, name] of ['州发展和改革委员会', '州自然资源局', '州政务服务和公共资源交易管理局'].entries()) {
      const dd = await mkPerson(pref.id, units.get(name)!.id, '副局长（分管）');
      await appoint(pref.id, 'deputy_director', dd.id, units.get(name)!.id);
      if (i === 0) accountsToMake.push({ username: 'cj.deputydirector', personId: dd.id, displayName: dd.name, role: '办公室副主任 deputy director', office: p.shortName });
    }
    for (const [i, name] of p.officeSecondedFrom.entries()) {
      const s = await mkPerson(pref.id, units.get(name)!.id, '抽调工作人员');
      await appoint(pref.id, 'office_staff', s.id, units.get(name)!.id);
      if (i === 0) accountsToMake.push({ username: 'cj.staff', personId: s.id, displayName: s.name, role: '办公室成员 office staff', office: p.shortName });
    }
    const groupMemberAccount = (await repo.listAppointments(trx, pref.id, { post: 'group_member' })).find((a) => a.unitName === '州财政局')!;
    accountsToMake.push({ username: 'cj.member', personId: groupMemberAccount.personId, displayName: groupMemberAccount.personName, role: '成员 group member（州财政局）', office: p.shortName });

    // Counties and parks repeat the structure (A1-16, A2-14).
    for (const [ci, c] of changji.counties.entries()) {
      const short = c.shortName ?? c.name;
      const office = await mkOffice({ parent: pref, level: c.kind, code: c.code, name: c.name, shortName: short, host: c.kind === 'park' ? `${short}规划建设局` : `${c.name}住房和城乡建设局`, lg: null, oc: null, sort: 100 + ci });
      const names = (c.kind === 'park' ? PARK_UNITS : COUNTY_UNITS).map((u) => `${short.replace(/(县|市)$/, (m) => m)}${u}`);
      let s = 0;
      const cu: Array<{ id: string; name: string }> = [];
      for (const n of names) cu.push({ ...(await mkUnit(office.id, n, (s += 10), { isHost: n === office.hostUnitName })), name: n });
      const host = cu.find((u) => u.name === office.hostUnitName) ?? cu[0]!;
      const l = await mkPerson(office.id, null, c.kind === 'park' ? '管委会主任' : '副县（市）长');
      await appoint(office.id, 'leader', l.id, null);
      const d = await mkPerson(office.id, host.id, '局长');
      await appoint(office.id, 'director', d.id, host.id);
      await appoint(office.id, 'group_member', d.id, host.id);
      const st = await mkPerson(office.id, host.id, '工作人员');
      await appoint(office.id, 'office_staff', st.id, host.id);
      await appoint(office.id, 'information_officer', st.id, null);
      if (ci === 0) accountsToMake.push({ username: 'cjs.staff', personId: st.id, displayName: st.name, role: '县市办公室成员 county office staff', office: short });
      if (ci === 1) accountsToMake.push({ username: 'fk.director', personId: d.id, displayName: d.name, role: '县市办公室主任 county director', office: short });
      for (const u of cu) {
        const li = await mkPerson(office.id, u.id, '股长');
        await appoint(office.id, 'liaison_officer', li.id, u.id);
        const inf = await mkPerson(office.id, u.id, '科员');
        await appoint(office.id, 'information_officer', inf.id, u.id);
      }
    }
    await services.audit.record(trx, { actor: null, requestId: 'demo', ip: null }, { officeId: pref.id, action: 'demo.load', entityType: 'office', entityId: pref.id, after: { offices: 2 + changji.counties.length, date: chinaDate(clock.now()) } });
  });

  const logins: DemoLogin[] = [];
  const ctx = { actor: null, requestId: 'demo', ip: null };
  for (const a of accountsToMake) {
    const { oneTimePassword } = await services.accounts.create({ username: a.username, displayName: a.displayName, personId: a.personId }, ctx, { password: opts.password, mustChange: opts.mustChangePassword ?? true });
    logins.push({ username: a.username, password: oneTimePassword, role: a.role, office: a.office });
  }
  return logins;
}

/** First start: the three system duties get accounts with one-time passwords (no default admin/admin). */
export async function ensureSystemAccounts(services: Services, opts: DemoOptions = {}): Promise<DemoLogin[]> {
  if ((await services.accounts.countSystemAccounts()) > 0) return [];
  const ctx = { actor: null, requestId: 'first-start', ip: null };
  const out: DemoLogin[] = [];
  for (const [username, duty, role] of [
    ['sysadmin', 'system_admin', '系统管理员 system admin'],
    ['secadmin', 'security_admin', '安全管理员 security admin'],
    ['auditadmin', 'audit_admin', '安全审计员 audit admin'],
  ] as const) {
    const { oneTimePassword } = await services.accounts.create({ username, displayName: role.split(' ')[0]!, systemDuty: duty }, ctx, { password: opts.password, mustChange: opts.mustChangePassword ?? true });
    out.push({ username, password: oneTimePassword, role, office: '—' });
  }
  return out;
}

export async function isEmpty(services: Services, db: Db): Promise<boolean> {
  return (await services.organizationRepo.countOffices(db)) === 0;
}

// Instants are stored in UTC and shown in China time; calendar dates are plain YYYY-MM-DD strings.
const CHINA = 'Asia/Shanghai';
const dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: CHINA, year: 'numeric', month: '2-digit', day: '2-digit' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: CHINA, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** Today's calendar date in China. */
export const todayInChina = (now = new Date()): string => dateFmt.format(now);

/** An ISO instant as "YYYY-MM-DD HH:mm:ss" China time. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${dateFmt.format(d)} ${timeFmt.format(d)}`;
}

/** A `datetime-local` input value (China time) as an ISO instant. */
export function chinaLocalToIso(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

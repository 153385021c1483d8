import { useEffect, useState } from 'react';
import { calendarApi, type CalendarYear } from '../calendar/api.ts';
import { workingDaysBetween, yearsBetween } from '../calendar/working-days.ts';

/**
 * Working days from today to each deadline (display only; the server judges lateness). The liaison's routes
 * carry no count, so it is read off the loaded calendar years; null for a missing year or a passed deadline.
 */
export function useWorkingDaysLeft(today: string, deadlines: ReadonlyArray<string | null>): (due: string | null) => number | null {
  const [years, setYears] = useState<CalendarYear[]>([]);
  const needed = [...new Set(deadlines.filter((d): d is string => Boolean(d) && d! >= today).flatMap((d) => yearsBetween(today, d)))].sort();
  const key = needed.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    Promise.all(key.split(',').map((y) => calendarApi.year(Number(y)))).then(
      (ys) => live && setYears(ys),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [key]);
  return (due) => (due && due >= today ? workingDaysBetween(today, due, years) : null);
}

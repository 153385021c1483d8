import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const CalendarPage = lazy(() => import('./pages/CalendarPage.tsx'));
const CalendarYearPage = lazy(() => import('./pages/CalendarYearPage.tsx'));

/** The working-day calendar: the calculator and the years for everyone signed in; editing for calendar.manage (the page hides it, the server refuses it). */
export const calendarRoutes: RouteObject[] = [
  { path: 'calendar', element: <CalendarPage /> },
  { path: 'calendar/:year', element: <CalendarYearPage /> },
];

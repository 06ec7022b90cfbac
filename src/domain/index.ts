export * from './calendarDate';
export * from './grid';
export * from './types';
export * from './deadlines';
export * from './reportStatus';
export * from './roles';
export * from './validation';
export * from './serverCheck';

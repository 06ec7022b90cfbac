export * from './cardText';
export * from './templates';
export * from './reportCard';
export * from './digestCard';

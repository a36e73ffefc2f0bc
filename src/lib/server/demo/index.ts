export { seedDemo, type SeedResult } from './seed';
export { writeDemoFiles, DEMO_FACTS_SHARE, type DemoFiles, type DemoLayout } from './write';
export { generateDemoCases, demoOfficers, DEMO_AGENCY, DEMO_BRANCHES, DEMO_SNAPSHOT, DEFAULT_DEMO_CASES, type DemoCase } from './generate';

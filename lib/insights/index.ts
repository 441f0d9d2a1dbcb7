export { buildDashboard, defaultUnit, type DashboardData, type DashboardQuery, type RankBy, type TimelineUnit } from "./dashboard";
export { emptyIndex, type ItemKind, type ListeningIndex } from "./listening-index";
export { ensureDemoHistory, loadListeningIndex } from "./load";
export { dashboardFor, demoPreparing, finishDemoHistory, genreSource, itemPageFor, listenerIndex, listenerNow, recapFor, recapYearsFor, sharedRecap, type RecapData } from "./server";

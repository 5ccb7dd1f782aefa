// planner_highs.js — bench helper: solve a CPLEX LP file with the npm
// `highs` package (HiGHS compiled to WebAssembly), one thread, a time limit.
// usage: node planner_highs.js FILE.lp SECONDS  -> prints "total bound status seconds"
const fs = require('fs');
const highs_loader = require('highs');
(async () => {
	const [file, secs] = process.argv.slice(2);
	const highs = await highs_loader();
	const lp = fs.readFileSync(file, 'utf8');
	const t0 = Date.now();
	let total = 'nan', bound = 'nan', status = 'error';
	try {
		const r = highs.solve(lp, {time_limit: Number(secs), threads: 1, output_flag: false,
			mip_rel_gap: 1e-7});
		status = r.Status;
		total = r.ObjectiveValue;
		bound = r.Info && r.Info.mip_dual_bound !== undefined ? r.Info.mip_dual_bound : 'nan';
	} catch (e) {
		status = 'error:' + String(e).slice(0, 60).replace(/\s+/g, '_');
	}
	console.log(`${total} ${bound} ${String(status).replace(/\s+/g, '_')} ${((Date.now() - t0) / 1000).toFixed(2)}`);
})();

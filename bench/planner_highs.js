// planner_highs.js — bench helper: solve a CPLEX LP file with the npm
// `highs` package (HiGHS compiled to WebAssembly), one thread, a time limit.
// usage: node planner_highs.js FILE.lp SECONDS  -> prints "total bound status seconds"
//
// The bound is HiGHS's info value `mip_dual_bound`. The one-shot
// `highs.solve()` of highs-js 1.x returns only {Status, ObjectiveValue,
// Columns, Rows} (no `Info`), so the bound is read from a persistent model
// (`createModel` + `info.get`) when the package has one; older packages
// that return `Info` from `solve()` are read from there.
const fs = require('fs');
const highs_loader = require('highs');

function num(v) {
	return typeof v === 'bigint' ? Number(v) : v;
}

(async () => {
	const [file, secs] = process.argv.slice(2);
	const highs = await highs_loader();
	const lp = fs.readFileSync(file, 'utf8');
	const opts = {time_limit: Number(secs), output_flag: false, mip_rel_gap: 1e-7};
	const t0 = Date.now();
	let total = 'nan', bound = 'nan', status = 'error';
	try {
		if (typeof highs.createModel === 'function') {
			const model = highs.createModel({format: 'lp', data: lp});
			try {
				model.options.set(opts);
				const r = model.run();
				status = r.modelStatus;
				const names = highs.constants && highs.constants.modelStatus;
				if (names)
					for (const k of Object.keys(names))
						if (names[k] === r.modelStatus)
							status = k;
				const sol = num(model.info.get('primal_solution_status'));
				if (sol === 2)
					total = num(model.info.get('objective_function_value'));
				bound = num(model.info.get('mip_dual_bound'));
			} finally {
				model.dispose();
			}
		} else {
			const r = highs.solve(lp, Object.assign({threads: 1}, opts));
			status = r.Status;
			total = r.ObjectiveValue;
			if (r.Info && r.Info.mip_dual_bound !== undefined)
				bound = r.Info.mip_dual_bound;
		}
	} catch (e) {
		status = 'error:' + String(e).slice(0, 60).replace(/\s+/g, '_');
	}
	if (typeof bound === 'number' && !isFinite(bound))
		bound = 'nan';
	console.log(`${total} ${bound} ${String(status).replace(/\s+/g, '_')} ${((Date.now() - t0) / 1000).toFixed(2)}`);
})();

import { longestStall } from './loop-stall.ts';
for (let i = 0; i < 5; i++) { const r = await longestStall(() => new Promise((res) => setTimeout(res, 2000))); console.log('idle 2s stall', r.stallMs.toFixed(1)); }

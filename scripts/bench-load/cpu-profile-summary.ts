import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const profileSchema = z.object({
  nodes: z.array(z.object({
    id: z.number(),
    hitCount: z.number().default(0),
    callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
  })),
  startTime: z.number(),
  endTime: z.number(),
});

export interface ProfileShare {
  name: string;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  busyPercent: number;
  topFunctions: ProfileShare[];
  topModules: ProfileShare[];
}

/** Where a sampled function lives: an npm package, a folder of ours, or Node/V8 itself. */
function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  const ours = /\/(src|integrations|cards)\/(.+)$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]!.split('/').slice(0, 2).join('/')}`;
  return url;
}

/** Self time by function and by module of the .cpuprofile files in `dir` (node --cpu-prof). */
export function summariseProfiles(dir: string, top = 12): ProfileSummary[] {
  return readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((file) => {
    const profile = profileSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const total = profile.nodes.reduce((sum, n) => sum + n.hitCount, 0) || 1;
    const byFunction = new Map<string, number>();
    const byModule = new Map<string, number>();
    let idle = 0;
    for (const node of profile.nodes) {
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)') idle += node.hitCount;
      const where = url ? `${url.replace(/^.*\/(node_modules|src|integrations)\//, '$1/')}:${lineNumber + 1}` : '';
      const name = `${functionName || '(anonymous)'} ${where}`.trim();
      byFunction.set(name, (byFunction.get(name) ?? 0) + node.hitCount);
      const mod = moduleOf(url, functionName);
      byModule.set(mod, (byModule.get(mod) ?? 0) + node.hitCount);
    }
    const ranked = (map: Map<string, number>) => [...map.entries()].filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, hits]) => ({ name, percent: Math.round((hits / total) * 1000) / 10 }));
    return { file, busyPercent: Math.round(((total - idle) / total) * 1000) / 10, topFunctions: ranked(byFunction), topModules: ranked(byModule) };
  });
}

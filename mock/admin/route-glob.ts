/**
 * Path globs of fault routes, matched without backtracking. A glob is split into path segments:
 * a segment that is exactly `**` stands for any number of whole segments (none included), `*`
 * inside a segment for any run of characters within it (consecutive stars count as one),
 * everything else is literal. Matching is dynamic programming over segments with a linear-space
 * wildcard scan inside each, so it costs at most O(glob length × path length) whatever the glob:
 * a RegExp compiled from a glob (picomatch's included) backtracks, and `/**a**a**…b` against a
 * long path then takes seconds.
 */

/** A compiled glob: its segments, `GLOBSTAR` for a whole-segment `**`. */
export type RouteGlob = readonly Segment[];
type Segment = string | typeof GLOBSTAR;

const GLOBSTAR = Symbol('**');

/**
 * @example
 * const glob = compileRouteGlob('/api/v1/tenants/acme/ous/**');
 * matchesPath(glob, '/api/v1/tenants/acme/ous/x/users'); // true
 */
export function compileRouteGlob(glob: string): RouteGlob {
  return glob.split('/').map((segment) => (segment === '**' ? GLOBSTAR : segment.replace(/\*+/g, '*')));
}

/** True when `pathname` (without query) matches the whole glob. */
export function matchesPath(glob: RouteGlob, pathname: string): boolean {
  return matchSegments(glob, pathname.split('/'), (pattern, segment) => matchesSegment(pattern, segment));
}

/**
 * True when some request path routed to `template` (an OpenAPI path such as
 * `/api/v1/tenants/{tenant_id}/ous`) can match the glob: a `{param}` segment stands for any
 * non-empty segment, so any glob segment but the empty one can match it.
 */
export function matchesTemplate(glob: RouteGlob, template: string): boolean {
  return matchSegments(glob, template.split('/'), (pattern, segment) =>
    /^\{[^/{}]+\}$/.test(segment) ? pattern !== '' : matchesSegment(pattern, segment),
  );
}

/** `reach[j]`: the glob segments seen so far can match the first j path segments. */
function matchSegments(glob: RouteGlob, path: readonly string[], segmentMatches: (pattern: string, segment: string) => boolean): boolean {
  let reach: boolean[] = path.map(() => false).concat(false);
  reach[0] = true;
  for (const pattern of glob) {
    const next: boolean[] = new Array<boolean>(path.length + 1).fill(false);
    if (pattern === GLOBSTAR) {
      let reachable = false;
      for (let j = 0; j <= path.length; j++) next[j] = reachable ||= reach[j] === true;
    } else {
      for (let j = 0; j < path.length; j++) next[j + 1] = reach[j] === true && segmentMatches(pattern, path[j] as string);
    }
    reach = next;
  }
  return reach[path.length] === true;
}

/**
 * `*` matches any run of characters. Greedy scan that, on a mismatch, only ever retries from the
 * last star seen: earlier stars never need revisiting, so this is O(pattern × segment) at worst.
 */
function matchesSegment(pattern: string, segment: string): boolean {
  let p = 0;
  let s = 0;
  let star = -1;
  let resume = 0;
  while (s < segment.length) {
    if (pattern[p] === '*') {
      star = p++;
      resume = s;
    } else if (p < pattern.length && pattern[p] === segment[s]) {
      p++;
      s++;
    } else if (star >= 0) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

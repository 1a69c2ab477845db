/**
 * The demo's screens as URL hashes, so that a reload (online or offline) reopens the same
 * screen and the phone's back button leaves the editor:
 * `#/` list, `#/new` new contact, `#/c/<id>` a contact, `#/conflicts` the conflicts panel.
 */

/** A screen. */
export type Route =
  | { readonly screen: 'list' }
  | { readonly screen: 'new' }
  | { readonly screen: 'contact'; readonly contactId: string }
  | { readonly screen: 'conflicts' };

/**
 * The route of a location hash; anything unknown is the list.
 *
 * @example
 * ```ts
 * parseRoute('#/c/abc'); // { screen: 'contact', contactId: 'abc' }
 * ```
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/new') return { screen: 'new' };
  if (path === '/conflicts') return { screen: 'conflicts' };
  const m = /^\/c\/(.+)$/.exec(path);
  if (m?.[1] !== undefined) return { screen: 'contact', contactId: decodeURIComponent(m[1]) };
  return { screen: 'list' };
}

/**
 * The hash of a route.
 *
 * @example
 * ```ts
 * routeHash({ screen: 'contact', contactId: 'abc' }); // '#/c/abc'
 * ```
 */
export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'list': return '#/';
    case 'new': return '#/new';
    case 'conflicts': return '#/conflicts';
    case 'contact': return `#/c/${encodeURIComponent(route.contactId)}`;
  }
}

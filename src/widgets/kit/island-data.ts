// A widget island's build-time result, as one JSON string prop. Astro
// serialises props value by value (every number becomes `[0,n]` in the HTML
// and is revived one by one while hydrating), which for the traffic spike's
// 901-sample series was 118 KB of attribute and a long task on a phone; one
// string is half the bytes and one native JSON.parse. Results are plain JSON
// data: the embed page ships them the same way (test/widgets/island-data.test.ts).

/** An island's props: the result itself (embeds, tests) or its JSON (Astro pages). */
export type InitialProps<R> = { initial: R } | { initialJson: string };

/** Props for an island on an Astro page. */
export function initialProps<R>(result: R): { initialJson: string } {
  return { initialJson: JSON.stringify(result) };
}

export function readInitial<R>(props: InitialProps<R>): R {
  return 'initial' in props ? props.initial : (JSON.parse(props.initialJson) as R);
}

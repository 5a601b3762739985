// The smallest observable: state modules call changed(), views re-render through useStore().
import { useEffect, useState } from "preact/hooks";

export class Store {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Re-renders the calling component whenever one of the stores changes. */
export function useStore(...stores: Store[]): void {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const unsubscribes = stores.map((s) => s.subscribe(bump));
    return () => unsubscribes.forEach((u) => u());
  }, stores);
}

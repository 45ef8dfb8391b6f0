import { Component, type ReactNode } from 'react';

interface Props {
  fallback: (message: string) => ReactNode;
  children: ReactNode;
}

/** A widget that throws blanks its own tile, never the whole wall. */
export class TileErrorBoundary extends Component<Props, { message: string | null }> {
  override state = { message: null as string | null };

  static getDerivedStateFromError(error: unknown): { message: string } {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render(): ReactNode {
    return this.state.message === null ? this.props.children : this.props.fallback(this.state.message);
  }
}

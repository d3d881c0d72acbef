/** Building the logical structure tree while blocks are laid out. */
import type { StructNode, StructRole } from './types.js';

export class StructureBuilder {
  private next = 0;
  readonly root: StructNode = this.node('Document');

  private node(role: StructRole, extra: Partial<Pick<StructNode, 'alt' | 'title'>> = {}): StructNode {
    return { id: this.next++, role, ...extra, children: [] };
  }

  add(parent: StructNode, role: StructRole, extra?: Partial<Pick<StructNode, 'alt' | 'title'>>): StructNode {
    const child = this.node(role, extra);
    parent.children.push(child);
    return child;
  }
}

import { Injectable, type OnModuleInit, type Provider } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { REQUIRED_PERMISSIONS, type Permission } from './auth.decorators.js';

/** A context's permissions with a description each; the key type is kept for type-checked use. */
export class PermissionSet<K extends Permission = Permission> {
  constructor(
    readonly context: string,
    readonly descriptions: Readonly<Record<K, string>>,
  ) {}

  get keys(): K[] {
    return Object.keys(this.descriptions) as K[];
  }
}

/** Declares a context's permissions: `definePermissions('customer', { 'customer:read': 'See customers …' })`. */
export function definePermissions<const T extends Record<Permission, string>>(context: string, descriptions: T): PermissionSet<keyof T & Permission> {
  return new PermissionSet(context, descriptions);
}

/** Registers a context's permissions from its module: `providers: [providePermissions(CUSTOMER_PERMISSIONS), …]`. */
export function providePermissions(set: PermissionSet): Provider {
  return { provide: `crm:permissions:${set.context}`, useValue: set };
}

/** The platform's own permissions; every other one is declared by the context it belongs to. */
export const PLATFORM_PERMISSIONS = definePermissions('platform', {
  'events:read': 'Read the event log (audit trail) [事件日志].',
});

export interface PermissionDescription {
  key: Permission;
  context: string;
  description: string;
}

/**
 * Every permission the running contexts declared. Built once at startup from the platform's own
 * set and each module's `providePermissions(…)`; a permission declared twice, or a route that
 * requires one nobody declared, stops the application from starting.
 */
@Injectable()
export class PermissionRegistry implements OnModuleInit {
  private registered: Map<string, PermissionDescription> | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.assertRoutesUseRegisteredPermissions();
  }

  list(): PermissionDescription[] {
    return [...this.all().values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  has(key: string): boolean {
    return this.all().has(key);
  }

  /** The given keys that no context declared. */
  unknown(keys: readonly string[]): string[] {
    return keys.filter((key) => !this.has(key));
  }

  private all(): Map<string, PermissionDescription> {
    if (this.registered) return this.registered;
    const sets = [PLATFORM_PERMISSIONS as PermissionSet];
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.instance instanceof PermissionSet && !sets.includes(wrapper.instance)) sets.push(wrapper.instance);
    }
    const registered = new Map<string, PermissionDescription>();
    for (const set of sets) {
      for (const key of set.keys) {
        const existing = registered.get(key);
        if (existing) throw new Error(`Permission ${key} is declared by both ${existing.context} and ${set.context}.`);
        registered.set(key, { key, context: set.context, description: set.descriptions[key] });
      }
    }
    this.registered = registered;
    return registered;
  }

  private assertRoutesUseRegisteredPermissions(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => object) | undefined;
      if (!type) continue;
      const targets: object[] = [type, ...this.scanner.getAllMethodNames(type.prototype).map((name) => (type.prototype as Record<string, object>)[name]!)];
      for (const target of targets) {
        const required = this.reflector.get<string[] | undefined>(REQUIRED_PERMISSIONS, target as () => void) ?? [];
        const unknown = this.unknown(required);
        if (unknown.length > 0) {
          throw new Error(`${type.name} requires permissions no context declared: ${unknown.join(', ')} (declare them with definePermissions).`);
        }
      }
    }
  }
}

export declare function writeZip(entries: { name: string; data: Buffer }[]): Buffer;
export declare function readZip(buf: Buffer): { name: string; data: Buffer }[];

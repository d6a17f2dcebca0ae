export { isTarGz, packDirectory, unpackArchive } from './archive.ts';
export { assertEmptyOrAbsent, BackupError, MANIFEST_FILE, type Manifest, type PhysicalManifest, type DumpManifest } from './files.ts';
export { restoreLogicalBackup, takeLogicalBackup, toolMajor } from './logical.ts';
export { readManifest, restorePhysicalBackup, verifyBackupFiles, type RestoreResult } from './restore-backup.ts';
export { NotLocalError, takePhysicalBackup, type ExtraSource, type TakeBackupOptions } from './take-backup.ts';

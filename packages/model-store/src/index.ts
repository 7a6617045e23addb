export {
  publishRelease,
  readManifest,
  releaseSerde,
  releasesTopicSpec,
  sha256File,
  type ModelRelease,
  type ReleaseOptions,
} from './release';
export { releaseCommand, RELEASE_HELP } from './release-command';

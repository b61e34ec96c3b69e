export * from "./api";
export * from "./catalog";
export * from "./common";
export * from "./entities";
export * from "./styles";

import { Text } from "@mantine/core";

export default function Routes() {
  return <Text>users</Text>;
}
